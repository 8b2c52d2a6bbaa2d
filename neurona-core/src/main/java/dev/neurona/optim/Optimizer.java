package dev.neurona.optim;

import dev.neurona.names.Registry;
import dev.neurona.tensor.HostAccess;
import dev.neurona.tensor.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Updates parameters from their gradients. This base does the work every optimizer shares,
 * once, in this order for each {@link #step(List)}:
 *
 * <ol>
 *   <li>skip parameters that are not {@link Parameter#trainable() trainable} or have no gradient;</li>
 *   <li>clip each gradient by value ({@link #clipValue(double)}: {@code g ← clamp(g, −c, c)}), then
 *       by its own L2 norm ({@link #clipNorm(double)}: {@code g ← g · c / max(‖g‖, c)}), then all of
 *       them by their global norm ({@link #globalClipNorm(double)}:
 *       {@code g ← g · c / max(sqrt(Σ‖g‖²), c)}); the parameters' own gradients are not modified;</li>
 *   <li>apply {@link #weightDecay(double) weight decay} as the {@link WeightDecayMode} says;</li>
 *   <li>call the optimizer's {@link #update} for each parameter with its slot state, the step
 *       number {@code t = iterations() + 1} and the learning rate of the schedule at
 *       {@code iterations()};</li>
 *   <li>count the step.</li>
 * </ol>
 *
 * <p>Values are reached only inside {@link Parameter#onHost(dev.neurona.tensor.Tensor, HostAccess.Pair)}
 * calls, with the parameter's own state object as the access (so a step allocates nothing):
 * one per parameter to clip (only when clipping is on), then one per parameter for decay and
 * the update. No array is kept from one call to the next.
 *
 * <p>Slot state is kept per parameter {@link Parameter#name() path name}, created on the first
 * step that sees the parameter, and can be {@link #exportState() exported} and
 * {@link #loadState(Map) loaded} as arrays keyed {@code "<path>/<slot>"} (with the step count
 * under {@code "iterations"}), for checkpoints and for averaging across Spark workers.
 *
 * <p>Setters are fluent and validate at once, with the bad value in the message; the
 * optimizer's own setters return its own type, so set those before the ones of this base:
 * {@code new Adam(1e-3).beta2(0.99).clipNorm(1.0)}.
 */
@Registry.Kind(noun = "optimizer", plural = "optimizers", builtins = Optimizers.class)
public abstract class Optimizer {

    /** The largest step count a single float in {@code "iterations"} holds exactly (2^24). */
    private static final long FLOAT_EXACT = 1L << 24;

    private double learningRate;
    private LearningRateSchedule schedule;
    private double weightDecay;
    private WeightDecayMode weightDecayMode = WeightDecayMode.DECOUPLED;
    private Double clipValue;
    private Double clipNorm;
    private Double globalClipNorm;
    private long iterations;
    /** Counts calls of {@link #step}, to catch two parameters with one name within a call. */
    private long stepCalls;
    private final Map<String, ParameterState> states = new LinkedHashMap<>();
    /** The step number, learning rate and global clipping factor of the step in progress, for {@link #decayAndUpdate}. */
    private long stepT;
    private double stepLr;
    private double stepGlobalScale;

    /** @param learningRate the constant learning rate, positive */
    protected Optimizer(double learningRate) {
        learningRate(learningRate);
    }

    // ---------------------------------------------------------------- the step

    /**
     * Applies one update to every trainable parameter that has a gradient.
     *
     * @throws IllegalArgumentException if two parameters share a name, or a gradient's or a
     *         loaded state's size differs from its parameter's
     */
    public final void step(List<Parameter> parameters) {
        long t = iterations + 1;
        long call = ++stepCalls;
        double lr = learningRate();
        boolean clip = clipValue != null || clipNorm != null || globalClipNorm != null;
        double globalSquares = 0;
        for (int n = 0; n < parameters.size(); n++) {
            Parameter p = parameters.get(n);
            if (!p.trainable() || p.grad() == null) {
                continue;
            }
            ParameterState state = state(p, call);
            if (clip) {   // a pass only when clipping is on: otherwise the update pass reads the gradient itself
                state.clipping = true;
                p.onHost(p.grad(), state);
                globalSquares += state.squares;
            }
        }
        double globalScale = 1;
        if (globalClipNorm != null) {
            globalScale = globalClipNorm / Math.max(Math.sqrt(globalSquares), globalClipNorm);
        }
        stepT = t;
        stepLr = lr;
        stepGlobalScale = globalScale;
        for (int n = 0; n < parameters.size(); n++) {
            Parameter p = parameters.get(n);
            if (!p.trainable() || p.grad() == null) {
                continue;
            }
            ParameterState state = states.get(p.name());
            state.clipping = false;
            p.onHost(p.grad(), state);
            if (t % Slots.FLUSH_EVERY == 0) {
                state.slots.flushBelow(Slots.FLUSH);
            }
        }
        Projections.apply(parameters);   // weight constraints, after every update as in Keras
        iterations = t;
    }

    /**
     * The update of one parameter, in place: reads {@code grad}, writes {@code param} and the
     * arrays of {@code slots}. Pure arithmetic on arrays, with no clipping, decay or step
     * counting, so that tests, benchmarks and distributed averaging can call it directly.
     *
     * @param param the parameter's values, updated in place
     * @param grad its gradient (already clipped and decayed), not modified
     * @param slots its slot state, as created from {@link #slotNames()}, updated in place
     * @param t the 1-based step number (for bias corrections)
     * @param lr the learning rate of this step
     */
    public abstract void update(float[] param, float[] grad, Slots slots, long t, double lr);

    /** The slots each parameter needs with the current settings, such as {@code ["m", "v"]}. */
    protected abstract List<String> slotNames();

    /** The value slot {@code slot} starts at; zero unless an optimizer says otherwise. */
    protected float initialSlotValue(String slot) {
        return 0f;
    }

    /** New zero-step slots for a parameter of {@code size} values. */
    public final Slots newSlots(int size) {
        Slots slots = new Slots();
        for (String name : slotNames()) {
            float[] values = new float[size];
            java.util.Arrays.fill(values, initialSlotValue(name));
            slots.put(name, values);
        }
        return slots;
    }

    /**
     * The clipping pass over one parameter's gradient (in {@link ParameterState#apply}): value
     * and per-parameter norm clipping into the state's scratch (the gradient itself is not
     * modified), and with global clipping on, the squared norm of the result.
     */
    final void clip(ParameterState state, float[] grad) {
        float[] g = grad;
        if (clipValue != null) {
            g = state.writable(grad);
            float c = clipValue.floatValue();
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.max(-c, Math.min(c, g[i]));
            }
        }
        if (clipNorm != null) {
            double norm = Math.sqrt(squaredNorm(g));
            if (norm > clipNorm) {
                g = state.writable(grad);
                scale(g, clipNorm / norm);
            }
        }
        state.squares = globalClipNorm != null ? squaredNorm(g) : 0;
    }

    /**
     * The update pass over one parameter (in {@link ParameterState#apply}): global clipping,
     * weight decay and {@link #update}, from the clipped gradient if the first pass made one.
     */
    final void decayAndUpdate(ParameterState state, float[] theta, float[] grad) {
        float[] g = state.inScratch ? state.scratch : grad;
        if (stepGlobalScale != 1) {
            g = state.writable(grad);
            scale(g, stepGlobalScale);
        }
        if (weightDecay != 0 && weightDecayMode == WeightDecayMode.COUPLED) {
            g = state.writable(grad);
            float lambda = (float) weightDecay;
            for (int i = 0; i < g.length; i++) {
                g[i] += lambda * theta[i];
            }
        } else if (weightDecay != 0) {
            float keep = (float) (1 - stepLr * weightDecay);
            for (int i = 0; i < theta.length; i++) {
                theta[i] *= keep;
            }
        }
        update(theta, g, state.slots, stepT, stepLr);
        state.inScratch = false;
    }

    private ParameterState state(Parameter p, long call) {
        int size = p.size();
        ParameterState state = states.get(p.name());
        if (state == null) {
            state = new ParameterState(this, newSlots(size), size);
            states.put(p.name(), state);
        }
        if (state.lastStep == call) {
            throw new IllegalArgumentException(owner() + ": two parameters are named '" + p.name()
                    + "'; slot state is keyed by name, so names must be unique");
        }
        state.lastStep = call;
        state.inScratch = false;
        if (state.size != size) {
            throw new IllegalArgumentException(owner() + ": the state for '" + p.name() + "' has " + state.size
                    + " values but the parameter has " + size);
        }
        if (p.grad().size() != size) {
            throw new IllegalArgumentException(owner() + ": the gradient of '" + p.name() + "' has "
                    + p.grad().size() + " values but the parameter has " + size);
        }
        List<String> names = slotNames();
        for (int i = 0; i < names.size(); i++) {
            String slot = names.get(i);
            if (!state.slots.has(slot)) {  // a setting changed since the slots were made (say, momentum turned on)
                float[] values = new float[size];
                java.util.Arrays.fill(values, initialSlotValue(slot));
                state.slots.put(slot, values);
            }
        }
        return state;
    }

    private static double squaredNorm(float[] g) {
        double sum = 0;
        for (float v : g) {
            sum += (double) v * v;
        }
        return sum;
    }

    private static void scale(float[] g, double factor) {
        float f = (float) factor;
        for (int i = 0; i < g.length; i++) {
            g[i] *= f;
        }
    }

    // ---------------------------------------------------------------- learning rate and cross-cutting settings

    /** The learning rate the next step will use: the schedule's value at {@link #iterations()}, or the constant. */
    public final double learningRate() {
        return schedule != null ? schedule.learningRate(iterations) : learningRate;
    }

    /** Sets a constant learning rate, replacing any schedule (as callbacks such as ReduceLROnPlateau do). */
    public final Optimizer learningRate(double learningRate) {
        this.learningRate = Check.positive(owner(), "learning rate", learningRate);
        this.schedule = null;
        return this;
    }

    /** Drives the learning rate by {@code schedule}, evaluated at the number of steps taken so far. */
    public final Optimizer learningRate(LearningRateSchedule schedule) {
        this.schedule = Check.notNull(owner(), "learning rate schedule", schedule);
        return this;
    }

    /** The schedule, or {@code null} for a constant learning rate. */
    public final LearningRateSchedule schedule() {
        return schedule;
    }

    /** Weight decay λ ≥ 0 (0, the default, turns it off); see {@link WeightDecayMode}. */
    public final Optimizer weightDecay(double weightDecay) {
        this.weightDecay = Check.nonNegative(owner(), "weight decay", weightDecay);
        return this;
    }

    /** The weight decay λ. */
    public final double weightDecay() {
        return weightDecay;
    }

    /** Decoupled (Keras, the default) or coupled (PyTorch's L2 in the gradient) weight decay. */
    public final Optimizer weightDecayMode(WeightDecayMode mode) {
        this.weightDecayMode = Check.notNull(owner(), "weight decay mode", mode);
        return this;
    }

    /** The weight decay mode. */
    public final WeightDecayMode weightDecayMode() {
        return weightDecayMode;
    }

    /** Clips every gradient element to {@code [−c, c]} (Keras {@code clipvalue}). */
    public final Optimizer clipValue(double c) {
        this.clipValue = Check.positive(owner(), "clip value", c);
        return this;
    }

    /** Rescales each parameter's gradient to L2 norm at most {@code c} (Keras {@code clipnorm}). */
    public final Optimizer clipNorm(double c) {
        this.clipNorm = Check.positive(owner(), "clip norm", c);
        return this;
    }

    /** Rescales all gradients together so that their joint L2 norm is at most {@code c} (Keras {@code global_clipnorm}). */
    public final Optimizer globalClipNorm(double c) {
        this.globalClipNorm = Check.positive(owner(), "global clip norm", c);
        return this;
    }

    /** Turns all three kinds of gradient clipping off (the default). */
    public final Optimizer noClipping() {
        clipValue = null;
        clipNorm = null;
        globalClipNorm = null;
        return this;
    }

    /** Updates applied so far. */
    public final long iterations() {
        return iterations;
    }

    /** The Keras identifier, such as {@code "adam"}. */
    public abstract String name();

    /** The class name used in messages, such as {@code "Adam"}. */
    protected final String owner() {
        return getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- config

    /**
     * All hyper-parameters under Keras's names ({@code name}, {@code learning_rate} — a number or
     * a schedule's config —, {@code weight_decay}, {@code clipnorm}, {@code clipvalue},
     * {@code global_clipnorm}, then the optimizer's own), enough for
     * {@link Optimizers#fromConfig(Map)} to rebuild an equal optimizer.
     */
    public final Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("learning_rate", schedule != null ? schedule.config() : learningRate);
        config.put("weight_decay", weightDecay);
        config.put("weight_decay_mode", weightDecayMode.name().toLowerCase(Locale.ROOT));
        config.put("clipnorm", clipNorm);
        config.put("clipvalue", clipValue);
        config.put("global_clipnorm", globalClipNorm);
        writeConfig(config);
        return config;
    }

    /** Adds the optimizer's own hyper-parameters to {@code config}. */
    protected abstract void writeConfig(Map<String, Object> config);

    /** Sets the optimizer's own hyper-parameters from those keys of {@code config} that are present. */
    protected abstract void readConfig(Map<String, Object> config);

    /** Sets every hyper-parameter present in {@code config}; rejects keys this optimizer does not have. */
    @SuppressWarnings("unchecked")
    final Optimizer applyConfig(Map<String, Object> config) {
        ConfigReader in = new ConfigReader(owner(), config);
        in.rejectUnknown(config().keySet());
        if (in.raw("learning_rate") instanceof Map<?, ?> schedule) {
            ConfigReader.apply("learning_rate",
                    () -> learningRate(LearningRateSchedule.fromConfig((Map<String, Object>) schedule)));
        } else {
            in.number("learning_rate", this::learningRate);
        }
        if (in.has("weight_decay")) {
            double decay = in.raw("weight_decay") == null ? 0 : in.number("weight_decay");
            ConfigReader.apply("weight_decay", () -> weightDecay(decay));
        }
        in.enumValue("weight_decay_mode", WeightDecayMode.class, this::weightDecayMode);
        noClipping();
        Double clipValue = in.optionalNumber("clipvalue");
        if (clipValue != null) {
            ConfigReader.apply("clipvalue", () -> clipValue(clipValue));
        }
        Double clipNorm = in.optionalNumber("clipnorm");
        if (clipNorm != null) {
            ConfigReader.apply("clipnorm", () -> clipNorm(clipNorm));
        }
        Double globalClipNorm = in.optionalNumber("global_clipnorm");
        if (globalClipNorm != null) {
            ConfigReader.apply("global_clipnorm", () -> globalClipNorm(globalClipNorm));
        }
        readConfig(config);
        return this;
    }

    // ---------------------------------------------------------------- state

    /**
     * Slot state as copies keyed {@code "<parameter path>/<slot>"} (such as
     * {@code "dense_1/kernel/m"}), plus the step count under {@code "iterations"}: one element,
     * or two ({@code [low, high]}, count = high·2^24 + low) past 2^24 steps, where one float
     * would round.
     */
    public final Map<String, float[]> exportState() {
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("iterations", iterations < FLOAT_EXACT ? new float[] {iterations}
                : new float[] {iterations % FLOAT_EXACT, iterations / FLOAT_EXACT});
        List<String> slotNames = slotNames();
        for (Map.Entry<String, ParameterState> e : states.entrySet()) {
            Slots slots = e.getValue().slots;
            for (String slot : slotNames) {
                if (slots.has(slot)) {  // it may not yet, if a setting changed since the last step
                    out.put(e.getKey() + "/" + slot, slots.get(slot).clone());
                }
            }
        }
        return out;
    }

    /**
     * Replaces all state with what {@link #exportState()} gave (arrays are copied). Parameters
     * absent from {@code state} start fresh slots on their next step; each parameter's size is
     * checked against its state on that step.
     *
     * @throws IllegalArgumentException if {@code "iterations"} is missing or not a count, a key
     *         names a slot this optimizer (as configured) does not keep, a parameter lacks one of
     *         its slots, or its slots differ in size; nothing is changed then
     */
    public final void loadState(Map<String, float[]> state) {
        Check.notNull(owner(), "state", state);
        long loadedIterations = readIterations(state.get("iterations"));
        List<String> slotNames = slotNames();
        Map<String, Slots> byParameter = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals("iterations")) {
                continue;
            }
            int slash = key.lastIndexOf('/');
            String slot = slash < 0 ? key : key.substring(slash + 1);
            if (slash <= 0 || !slotNames.contains(slot)) {
                throw new IllegalArgumentException(owner() + ".loadState: key '" + key
                        + "' is not '<parameter path>/<slot>' with a slot of " + slotNames
                        + " (the slots " + name() + " keeps as configured)");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(owner() + ".loadState: '" + key + "' is null");
            }
            byParameter.computeIfAbsent(key.substring(0, slash), k -> new Slots()).put(slot, e.getValue().clone());
        }
        Map<String, ParameterState> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, Slots> e : byParameter.entrySet()) {
            Map<String, float[]> slots = e.getValue().asMap();
            int size = -1;
            for (String name : slotNames) {
                float[] values = slots.get(name);
                if (values == null) {
                    throw new IllegalArgumentException(owner() + ".loadState: '" + e.getKey() + "' lacks slot '"
                            + name + "' (has " + slots.keySet() + ", needs " + slotNames + ")");
                }
                if (size >= 0 && values.length != size) {
                    throw new IllegalArgumentException(owner() + ".loadState: the slots of '" + e.getKey()
                            + "' differ in size: '" + name + "' has " + values.length + " values, others " + size);
                }
                size = values.length;
            }
            Slots ordered = new Slots();
            for (String name : slotNames) {
                ordered.put(name, slots.get(name));
            }
            loaded.put(e.getKey(), new ParameterState(this, ordered, size));
        }
        states.clear();
        states.putAll(loaded);
        iterations = loadedIterations;
    }

    private long readIterations(float[] values) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw new IllegalArgumentException(owner() + ".loadState: needs 'iterations' as one (or two) values, got "
                    + (values == null ? "none" : values.length + " values"));
        }
        long count = 0;
        for (int i = values.length - 1; i >= 0; i--) {
            float v = values[i];
            if (!(v >= 0) || v != Math.rint(v) || (i == 0 && values.length == 2 && v >= FLOAT_EXACT)) {
                throw new IllegalArgumentException(owner() + ".loadState: 'iterations' must hold a step count, got "
                        + java.util.Arrays.toString(values));
            }
            count = count * FLOAT_EXACT + (long) v;
        }
        return count;
    }

    @Override
    public String toString() {
        return owner() + config();
    }
}
