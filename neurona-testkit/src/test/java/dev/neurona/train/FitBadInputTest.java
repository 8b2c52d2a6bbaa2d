package dev.neurona.train;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitBadInputTest {

    private static Sequential compiled() {
        Sequential m = new Sequential(input(2), dense(3, "relu"), dense(1, "sigmoid"));
        m.compile(new SGD(0.1), "binary_crossentropy", "accuracy");
        return m;
    }

    private static final Tensor X = Tensor.of(new float[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}});
    private static final Tensor Y = Tensor.of(new float[][] {{1}, {1}, {0}, {0}});

    @Test
    void fitBeforeCompile() {
        Sequential m = new Sequential(input(2), dense(1));
        assertThatThrownBy(() -> m.fit(X, Y, Fit.epochs(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not compiled").hasMessageContaining("compile(");
    }

    @Test
    void batchSizesDiffer() {
        assertThatThrownBy(() -> compiled().fit(X, Y.slice(0, 3), Fit.epochs(1)))
                .hasMessageContaining("same number of samples").hasMessageContaining("[4, 2]").hasMessageContaining("[3, 1]");
    }

    @Test
    void nanOrInfNamesRowAndColumn() {
        Tensor bad = X.copy();
        bad.data()[5] = Float.NaN;
        assertThatThrownBy(() -> compiled().fit(bad, Y, Fit.epochs(1).verbose(0)))
                .hasMessageContaining("x contains NaN at row 2, column 1");
        Tensor badY = Y.copy();
        badY.data()[3] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> compiled().fit(X, badY, Fit.epochs(1).verbose(0)))
                .hasMessageContaining("y contains Infinity at row 3, column 0");
    }

    @Test
    void optionsOutOfRange() {
        assertThatThrownBy(() -> Fit.epochs(1).batchSize(0)).hasMessageContaining("batch size must be positive, got 0");
        assertThatThrownBy(() -> Fit.epochs(1).validationSplit(1.0)).hasMessageContaining("validation split must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> Fit.epochs(1).validationSplit(0)).hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> Fit.epochs(0)).hasMessageContaining("epochs must be positive");
    }

    @Test
    void aSplitThatLeavesNothingToTrainOn() {
        Tensor x1 = X.slice(0, 1);
        Tensor y1 = Y.slice(0, 1);
        assertThatThrownBy(() -> compiled().fit(x1, y1, Fit.epochs(1).validationSplit(0.5).verbose(0)))
                .hasMessageContaining("empty training or validation set");
    }

    @Test
    void inputShapeThatDoesNotMatchTheFirstLayer() {
        assertThatThrownBy(() -> compiled().fit(Tensor.zeros(4, 3), Y, Fit.epochs(1).verbose(0)))
                .hasMessageContaining("[None, 2]").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> compiled().predict(Tensor.zeros(4, 3)))
                .hasMessageContaining("[None, 2]").hasMessageContaining("[4, 3]");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        Sequential m = new Sequential(input(2), dense(1));
        assertThatThrownBy(() -> m.compile("adamm", "mse")).hasMessageContaining("adamm").hasMessageContaining("adam");
        assertThatThrownBy(() -> m.compile("adam", "msee")).hasMessageContaining("msee").hasMessageContaining("mse");
        assertThatThrownBy(() -> dense(3, "rellu")).hasMessageContaining("rellu").hasMessageContaining("relu");
    }

    @Test
    void aNanLossIsLoggedAndTerminateOnNanStopsNamingEpochAndBatch() {
        Sequential m = new Sequential(input(2), dense(1));
        m.compile(new SGD(1e30), "mse");
        Tensor x = Tensor.of(new float[][] {{1e10f, 1e10f}, {1, 1}, {2, 2}, {3, 3}});
        Tensor y = Tensor.of(new float[][] {{1}, {1}, {1}, {1}});
        List<Double> losses = new ArrayList<>();
        History h = m.fit(x, y, Fit.epochs(5).batchSize(1).shuffle(false).verbose(0)
                .callbacks(LambdaCallback.onBatchEnd((b, logs) -> losses.add(logs.get("loss")))));
        assertThat(losses).anyMatch(v -> !Double.isFinite(v));
        assertThat(h.get("loss")).anyMatch(v -> !Double.isFinite(v));

        Sequential m2 = new Sequential(input(2), dense(1));
        m2.compile(new SGD(1e30), "mse");
        History stopped = m2.fit(x, y, Fit.epochs(5).batchSize(1).shuffle(false).verbose(0).callbacks(new TerminateOnNaN()));
        assertThat(stopped.stopReason()).startsWith("TerminateOnNaN: the loss became").contains("at epoch 1, batch ");
        assertThat(stopped.epochCount()).isEqualTo(1);
    }
}
