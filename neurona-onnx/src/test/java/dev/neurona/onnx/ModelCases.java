package dev.neurona.onnx;

import static dev.neurona.nn.Layers.activation;
import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.dropout;
import static dev.neurona.nn.Layers.flatten;
import static dev.neurona.nn.Layers.input;

import dev.neurona.activations.Activation;
import dev.neurona.activations.Activations;
import dev.neurona.models.Sequential;
import dev.neurona.nn.Dense;
import dev.neurona.nn.PReLU;
import dev.neurona.nn.init.Initializers;
import dev.neurona.optim.Adam;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The models every export test runs: each activation (in a Dense layer and as an Activation
 * layer, at the oldest, the default and the newest opset), each layer, inputs of rank 3, and a
 * trained network.
 */
final class ModelCases {

    /** A named model and the options to export it with. */
    record Case(String name, Supplier<Sequential> model, OnnxOptions options) {
        @Override
        public String toString() {
            return name + " @" + options.opset();
        }
    }

    /** One of every activation, with non-default parameters where they have any. */
    static List<Activation> activations() {
        return List.of(Activations.linear(), Activations.sign(), Activations.sigmoid(), Activations.tanh(),
                Activations.relu(), Activations.relu6(), Activations.leakyRelu(), Activations.leakyRelu(0.05),
                Activations.elu(), Activations.elu(0.5), Activations.selu(), Activations.gelu(false),
                Activations.gelu(true), Activations.softplus(), Activations.softsign(), Activations.silu(),
                Activations.hardSigmoid(), Activations.hardSilu(), Activations.exponential(), Activations.softmax(),
                Activations.logSoftmax());
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        OnnxOptions defaults = OnnxOptions.defaults();
        for (int opset : new int[] {OnnxOptions.MIN_OPSET, OnnxOptions.DEFAULT_OPSET, 17, OnnxOptions.MAX_OPSET}) {
            for (Activation a : activations()) {
                String label = a.config().toString();
                // pre-activations spread over about [-6, 6], so relu6, hard_sigmoid and sign see both sides
                cases.add(new Case("dense " + label, () -> new Sequential(input(6),
                        new Dense(7).activation(a).kernelInitializer(Initializers.randomNormal(0, 1))),
                        defaults.withOpset(opset)));
                cases.add(new Case("activation layer " + label, () -> new Sequential(input(3, 5), activation(a)),
                        defaults.withOpset(opset)));
            }
        }
        cases.add(new Case("dense without bias", () -> new Sequential(input(4), new Dense(3).useBias(false)), defaults));
        cases.add(new Case("dense with bias, no activation", () -> new Sequential(input(4),
                new Dense(3).biasInitializer(Initializers.randomNormal(0, 1))), defaults));
        cases.add(new Case("flatten", () -> new Sequential(flatten(3, 4), dense(5, "tanh")), defaults));
        cases.add(new Case("flatten of rank 4", () -> new Sequential(input(2, 3, 2), new dev.neurona.nn.Flatten(),
                dense(2)), defaults));
        cases.add(new Case("flatten of flat input", () -> new Sequential(input(4), new dev.neurona.nn.Flatten(),
                dense(2)), defaults));
        cases.add(new Case("dropout", () -> new Sequential(input(4), dense(6, "relu"), dropout(0.5), dense(2)), defaults));
        cases.add(new Case("prelu", () -> new Sequential(input(5), dense(6),
                new PReLU(Initializers.randomUniform(-0.5, 0.5)), dense(2)), defaults));
        cases.add(new Case("prelu of rank 3", () -> new Sequential(input(3, 4),
                new PReLU(Initializers.randomUniform(0, 0.5))), defaults));
        cases.add(new Case("normalization", ModelCases::normalized, defaults));
        cases.add(new Case("input only", () -> new Sequential(input(3)), defaults));
        cases.add(new Case("dense on rank 3", () -> new Sequential(input(5, 4), dense(6, "gelu"), dense(3, "softmax")),
                defaults));
        cases.add(new Case("dense on rank 3 without bias", () -> new Sequential(input(5, 4),
                new Dense(3).useBias(false).activation("log_softmax")), defaults.withOpset(OnnxOptions.MIN_OPSET)));
        cases.add(new Case("softmax over the middle axis", () -> new Sequential(input(5, 4),
                activation(Activations.softmax(1))), defaults));
        cases.add(new Case("rank 3 flattened into dense", () -> new Sequential(input(5, 4), dense(6, "relu"),
                new dev.neurona.nn.Flatten(), dense(2, "sigmoid")), defaults.withOpset(OnnxOptions.MAX_OPSET)));
        cases.add(new Case("named input and output", () -> new Sequential(input(3), dense(2, "softmax")),
                defaults.withInputName("features").withOutputName("probabilities")));
        cases.add(new Case("trained classifier", ModelCases::trained, defaults));
        return cases;
    }

    /** A Normalization layer adapted to data of scale 3 around 2, before a Dense layer. */
    static Sequential normalized() {
        dev.neurona.nn.Normalization norm = new dev.neurona.nn.Normalization();
        Sequential model = new Sequential(input(4), norm, dense(3, "tanh"));
        model.build(4);
        norm.adapt(Tensor.randn(new Random(5), 50, 4).mul(3f).add(2f));
        return model;
    }

    /** A network trained for a few epochs on three noisy clusters, so its weights are no longer initial. */
    static Sequential trained() {
        Random random = new Random(7);
        int n = 240;
        float[] x = new float[n * 2];
        float[] y = new float[n * 3];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            double angle = 2 * Math.PI * c / 3;
            x[2 * i] = (float) (2 * Math.cos(angle) + 0.6 * random.nextGaussian());
            x[2 * i + 1] = (float) (2 * Math.sin(angle) + 0.6 * random.nextGaussian());
            y[3 * i + c] = 1;
        }
        Sequential model = new Sequential(input(2), dense(16, "relu"), dropout(0.1), dense(8, "tanh"),
                dense(3, "softmax")).seed(3);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(Tensor.of(x, n, 2), Tensor.of(y, n, 3),
                dev.neurona.train.Fit.epochs(5).batchSize(32).verbose(0));
        return model;
    }

    /** Inputs for {@code model}: {@code batch} samples uniform in [-3, 3]. */
    static Tensor inputs(Sequential model, int batch, long seed) {
        int[] sample = model.layers().get(0).declaredInputShape();
        int[] shape = new int[sample.length + 1];
        shape[0] = batch;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return Tensor.uniform(new Random(seed), -3f, 3f, shape);
    }

    private ModelCases() {
    }
}
