package dev.neurona.train;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * What the fit loop does when training leaves the finite numbers: a batch whose loss is NaN
 * or infinite ({@link TrainStep} has already declined its update), or weights that an update
 * with a finite loss made non-finite (a learning rate of 1e3 overflows them).
 *
 * <ul>
 *   <li>With {@link TerminateOnNaN} among the callbacks, training stops there: the step keeps
 *       a copy of the weights before each update ({@link TrainStep#keepPreviousWeights}), so
 *       the run ends with the last finite weights, and {@link History#stopReason()} says at
 *       which epoch and batch and what the weights are.</li>
 *   <li>Without it, training goes on as asked and every update whose loss is not finite is
 *       skipped. One warning names the first such batch, and one more the first time the
 *       weights are found non-finite (an update with a finite loss can still overflow them, and
 *       without TerminateOnNaN there is no copy to go back to), through {@code java.util.logging}
 *       (logger {@code dev.neurona.train.Trainer}) and, at verbose 1 or 2, in the progress output.</li>
 * </ul>
 *
 * Weights are checked (one pass) only when a loss is not finite and at the end of each epoch,
 * before validation and the callbacks (so that a checkpoint never saves non-finite weights
 * unnoticed), never every step: weights that an update overflowed show in the next batch's
 * loss, and the copy taken before each update still holds the ones before it.
 */
final class NonFiniteGuard {

    static final Logger LOG = Logger.getLogger(Trainer.class.getName());

    private final TrainStep step;
    private final boolean terminate;
    private final ProgressBar bar;
    private boolean warnedLoss;
    private boolean warnedWeights;
    /** The last batch whose update was applied, 1-based, as "epoch E, batch B"; {@code null} before the first. */
    private String lastApplied;

    NonFiniteGuard(TrainStep step, boolean terminate, ProgressBar bar) {
        this.step = step;
        this.terminate = terminate;
        this.bar = bar;
        step.keepPreviousWeights(terminate);
    }

    /** After batch {@code batch} (0-based) of {@code epoch}; its loss decides whether its update was applied. */
    void afterBatch(int epoch, int batch, float loss, TrainingContext context) {
        if (Float.isFinite(loss)) {
            lastApplied = position(epoch, batch);
            return;
        }
        String at = position(epoch, batch);
        String what = "the loss became " + value(loss) + " at " + at;
        if (step.weightsFinite()) {
            if (terminate) {
                context.requestStop("TerminateOnNaN: " + what + "; stopped there, with the weights from before that batch "
                        + "(its update was not applied)");
            } else if (!warnedLoss) {
                warnedLoss = true;
                warn(what + "; its update was skipped, as will be every update whose loss is not finite. Lower the learning "
                        + "rate or scale the inputs, or add TerminateOnNaN to stop at the first such batch with the last "
                        + "finite weights");
            }
        } else {
            nonFiniteWeights(context, what + ", because the weights were no longer finite");
        }
    }

    /** At the end of an epoch's batches: the last update may have overflowed the weights although its loss was finite. */
    void endOfEpoch(TrainingContext context) {
        if (lastApplied == null || step.weightsFinite()) {
            return;
        }
        nonFiniteWeights(context, "the weights became non-finite by the end of the epoch, although every loss was finite");
    }

    private void nonFiniteWeights(TrainingContext context, String what) {
        String culprit = lastApplied == null ? "they were not finite when this run began"
                : "the update of " + lastApplied + " overflowed them";
        if (terminate) {
            String kept = lastApplied != null && step.restorePreviousWeights()
                    ? "the weights from before " + lastApplied + " are restored"
                    : "the weights could not be restored to finite ones";
            context.requestStop("TerminateOnNaN: " + what + " (" + culprit + "); stopped there, and " + kept);
        } else if (!warnedWeights) {
            warnedWeights = true;
            warn(what + " (" + culprit + "); they stay non-finite. Lower the learning rate or scale the inputs, or add "
                    + "TerminateOnNaN to stop and keep the last finite weights");
        }
    }

    private void warn(String warning) {
        LOG.warning(warning);
        bar.message("Warning: " + warning);
    }

    private static String position(int epoch, int batch) {
        return "epoch " + (epoch + 1) + ", batch " + (batch + 1);
    }

    private static String value(float v) {
        return Float.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%s", v);
    }
}
