package dev.neurona.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A trace the planner cannot plan is never the user's error: the traced call's results are
 * returned, every later call runs eagerly with the same values, and one warning says why.
 */
class PlanningFailureTest {

    @Test
    void aPlanningFailureRunsEagerlyAndSaysSoOnce() {
        Random random = new Random(2);
        Parameter w = new Parameter("w", Tensor.randn(random, 3, 2));
        Compiled.Body body = in -> {
            w.zeroGrad();
            Tensor loss = in[0].matmul(w).tanh().sub(in[1]).square().mean();
            loss.backward();
            return new Tensor[] {loss, w.grad()};
        };
        Compiled failing = new Compiled("failing step", body);
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(Compiled.class.getName());
        log.addHandler(handler);
        Planner.beforePlanning = steps -> {
            throw new IllegalStateException("planner broken on purpose");
        };
        try {
            for (int i = 0; i < 3; i++) {
                Tensor x = Tensor.randn(random, 4, 3);
                Tensor y = Tensor.randn(random, 4, 2);
                Tensor[] got = failing.run(x, y);
                float loss = got[0].item();
                float[] grad = got[1].toArray();
                Tensor[] expected = Compiled.eagerly(() -> body.apply(new Tensor[] {x, y}));
                assertThat(loss).as("call " + i).isEqualTo(expected[0].item());
                assertThat(grad).as("call " + i).containsExactly(expected[1].toArray());
            }
        } finally {
            Planner.beforePlanning = null;
            log.removeHandler(handler);
        }
        assertThat(failing.isEager()).isTrue();
        assertThat(failing.eagerReason()).contains("planning failed").contains("planner broken on purpose");
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(logged.get(0).getMessage()).contains("failing step runs eagerly").contains("planner broken on purpose");
    }
}
