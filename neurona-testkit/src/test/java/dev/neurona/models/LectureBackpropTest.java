package dev.neurona.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.Golden;
import dev.neurona.testkit.GoldenNode;
import dev.neurona.testkit.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lecture's worked backpropagation example,
 * {@code f = S(w20 + w21·tanh(w10 + w11·x1 + w12·x2))}, {@code e = ½(y − f)²}: autograd
 * gives the slide's five partial derivatives, equal to the hand formulas and to PyTorch's.
 */
class LectureBackpropTest {

    @ParameterizedTest
    @ValueSource(strings = {"seed_backprop_example", "seed_backprop_example_batch4"})
    void autogradEqualsTheHandFormulas(String name) {
        GoldenNode c = Golden.load("mlp").get(name);
        GoldenNode p = c.object("params");
        Tensor w10 = Tensor.scalar((float) p.number("w10")).requiresGrad(true);
        Tensor w11 = Tensor.scalar((float) p.number("w11")).requiresGrad(true);
        Tensor w12 = Tensor.scalar((float) p.number("w12")).requiresGrad(true);
        Tensor w20 = Tensor.scalar((float) p.number("w20")).requiresGrad(true);
        Tensor w21 = Tensor.scalar((float) p.number("w21")).requiresGrad(true);
        boolean batch = c.bool("batch");
        Tensor x = (batch ? c.tensor("x") : c.tensor("x").reshape(1, 2)).requiresGrad(true);
        Tensor y = batch ? c.tensor("y") : Tensor.of((float) c.number("y"));
        Tensor x1 = x.matmul(Tensor.of(new float[] {1, 0}, 2, 1)).reshape(-1);
        Tensor x2 = x.matmul(Tensor.of(new float[] {0, 1}, 2, 1)).reshape(-1);

        Tensor net1 = w10.add(w11.mul(x1)).add(w12.mul(x2));
        Tensor h = net1.tanh();
        Tensor net2 = w20.add(w21.mul(h));
        Tensor f = net2.sigmoid();
        Tensor e = y.sub(f).square().mul(0.5f);
        Tensor loss = e.mean();
        float[] hv = h.toArray();
        float[] fv = f.toArray();
        float[] x1v = x1.toArray();
        float[] x2v = x2.toArray();
        loss.backward();

        // the slide's formulas, per sample, averaged over the batch
        int n = fv.length;
        double dw10 = 0, dw11 = 0, dw12 = 0, dw20 = 0, dw21 = 0;
        float[] yv = y.toArray();
        for (int i = 0; i < n; i++) {
            double d2 = -(yv[i] - fv[i]) * fv[i] * (1 - fv[i]);
            double d1 = d2 * w21.item() * (1 - hv[i] * hv[i]);
            dw20 += d2 / n;
            dw21 += d2 * hv[i] / n;
            dw10 += d1 / n;
            dw11 += d1 * x1v[i] / n;
            dw12 += d1 * x2v[i] / n;
        }
        Tolerance t = Tolerance.FLOAT32;
        double[] hand = {dw10, dw11, dw12, dw20, dw21};
        Tensor[] weights = {w10, w11, w12, w20, w21};
        String[] names = {"dw10", "dw11", "dw12", "dw20", "dw21"};
        GoldenNode grads = c.object("grads");
        for (int i = 0; i < 5; i++) {
            t.assertClose(weights[i].grad().item(), hand[i], names[i] + " autograd vs hand formula");
            t.assertClose(weights[i].grad().item(), grads.number(names[i]), names[i] + " autograd vs PyTorch");
        }
        t.assertClose(loss.item(), c.number("loss_value"), "loss");
        t.assertClose(x.grad().reshape(batch ? new int[] {n, 2} : new int[] {2}), c.flat("dx"), "dx");
        if (!batch) {
            GoldenNode fw = c.object("forward");
            t.assertClose(net1.item(), fw.number("net1"), "net1");
            t.assertClose(f.item(), fw.number("f"), "f");
        }
        assertThat(x.grad()).isNotNull();
    }
}
