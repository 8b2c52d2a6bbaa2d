package dev.neurona.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.activations.Activations;
import dev.neurona.losses.Losses;
import dev.neurona.nn.Dense;
import dev.neurona.nn.Layer;
import dev.neurona.nn.Layers;
import dev.neurona.nn.Mode;
import dev.neurona.optim.Optimizer;
import dev.neurona.tensor.Tensor;
import dev.neurona.testkit.Golden;
import dev.neurona.testkit.GoldenNode;
import dev.neurona.testkit.Tolerance;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole-network forward and backward passes, and 10-step training trajectories, against PyTorch (mlp.json). */
class MlpGoldenTest {

    /** A Sequential of the case's Dense layers with its weights. */
    static Sequential network(GoldenNode c, GoldenNode params) {
        Sequential model = new Sequential();
        List<GoldenNode> layers = c.objects("layers");
        model.add(Layers.input(layers.get(0).integer("in")));
        for (GoldenNode l : layers) {
            Dense d = new Dense(l.integer("out"));
            String act = l.string("activation");
            d.activation(act.equals("leaky_relu")
                    ? Activations.leakyRelu((float) l.object("activation_params").number("alpha"))
                    : Activations.get(act.equals("identity") ? "linear" : act));
            d.name(l.string("name"));
            model.add(d);
        }
        model.build(layers.get(0).integer("in"));
        setParams(model, c, params);
        return model;
    }

    static void setParams(Sequential model, GoldenNode c, GoldenNode params) {
        for (GoldenNode l : c.objects("layers")) {
            Dense d = (Dense) model.layers().stream().filter(x -> l.string("name").equals(x.name())).findFirst().orElseThrow();
            d.kernel().assign(params.object(l.string("name")).tensor("W"));
            d.bias().assign(params.object(l.string("name")).tensor("b"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp_6_5_4_3_relu_tanh_softmax_cce", "mlp_4_6_2_sigmoid_identity_mse",
            "mlp_3_4_1_leaky_relu_sigmoid_bce"})
    void forwardAndBackwardMatchPyTorch(String name) {
        GoldenNode c = Golden.load("mlp").get(name);
        Sequential model = network(c, c.object("params"));
        Tolerance t = Tolerance.FLOAT32;
        Tensor x = c.tensor("x").requiresGrad(true);

        Tensor h = x;
        for (Layer layer : model.layers().subList(1, model.layers().size())) {
            Dense d = (Dense) layer;
            GoldenNode fw = c.object("forward").object(d.name());
            t.assertClose(h.matmul(d.kernel()).add(d.bias()), fw.flat("z"), d.name() + " z");
            h = d.call(h, Mode.TRAINING);
            t.assertClose(h, fw.flat("a"), d.name() + " a");
        }
        t.assertClose(h, c.flat("output"), "output");
        Tensor loss = Losses.get(c.string("loss")).call(c.tensor("y_true"), h);
        t.assertClose(loss.item(), c.number("loss_value"), "loss");
        loss.backward();
        for (Layer layer : model.layers().subList(1, model.layers().size())) {
            Dense d = (Dense) layer;
            GoldenNode g = c.object("grads").object(d.name());
            t.assertClose(d.kernel().grad(), g.flat("W"), d.name() + " dW");
            t.assertClose(d.bias().grad(), g.flat("b"), d.name() + " db");
        }
        t.assertClose(x.grad(), c.flat("dx"), "dx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp_6_5_4_3_train_gd_lr0.1_10steps", "mlp_6_5_4_3_train_adam_lr0.01_10steps"})
    void tenTrainingStepsFollowPyTorchsTrajectory(String name) {
        GoldenNode c = Golden.load("mlp").get(name);
        Sequential model = network(c, c.object("initial_params"));
        model.compile(optimizer(c.object("optimizer")), c.string("loss"));
        Tensor x = c.tensor("x");
        Tensor y = c.tensor("y_true");
        Tolerance t = Tolerance.FLOAT32_TRAJECTORY;
        double[] before = c.vector("loss_before_step");
        double[] after = c.vector("loss_after_step");
        List<GoldenNode> steps = c.objects("params_after_step");
        for (int k = 0; k < c.integer("num_steps"); k++) {
            t.assertClose(model.evaluate(x, y).get("loss"), before[k], "loss before step " + (k + 1));
            model.fit(x, y, dev.neurona.train.Fit.epochs(1).batchSize(x.dim(0)).shuffle(false).verbose(0));
            t.assertClose(model.evaluate(x, y).get("loss"), after[k], "loss after step " + (k + 1));
            for (GoldenNode l : c.objects("layers")) {
                Dense d = (Dense) model.layers().stream().filter(z -> l.string("name").equals(z.name())).findFirst().orElseThrow();
                t.assertClose(d.kernel(), steps.get(k).object(d.name()).flat("W"), d.name() + " W after step " + (k + 1));
                t.assertClose(d.bias(), steps.get(k).object(d.name()).flat("b"), d.name() + " b after step " + (k + 1));
            }
        }
        assertThat(model.optimizer().iterations()).isEqualTo(10);
    }

    /** The optimizer the case names, configured as PyTorch was. */
    static Optimizer optimizer(GoldenNode o) {
        GoldenNode hp = o.object("hyperparameters");
        return switch (o.string("torch_class")) {
            case "torch.optim.SGD" -> new dev.neurona.optim.SGD(hp.number("lr"));
            case "torch.optim.Adam" -> new dev.neurona.optim.Adam(hp.number("lr")).beta1(hp.vector("betas")[0])
                    .beta2(hp.vector("betas")[1]).epsilon(hp.number("eps")).epsilonMode(dev.neurona.optim.EpsilonMode.PYTORCH);
            default -> throw new AssertionError(o.string("torch_class"));
        };
    }
}
