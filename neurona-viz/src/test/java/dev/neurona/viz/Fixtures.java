package dev.neurona.viz;

import static dev.neurona.nn.Layers.dense;
import static dev.neurona.nn.Layers.input;

import dev.neurona.data.Dataset;
import dev.neurona.data.Datasets;
import dev.neurona.models.Sequential;
import dev.neurona.optim.SGD;
import dev.neurona.train.Fit;
import dev.neurona.train.History;

/** Small trained models shared by the tests (trained once per JVM, in well under a second). */
final class Fixtures {

    private static Sequential xor;
    private static History xorHistory;

    private Fixtures() {
    }

    /** The lecture's 2-4-1 XOR network, trained to 100 % on the four corners. */
    static synchronized Sequential xor() {
        if (xor == null) {
            Sequential model = new Sequential(input(2), dense(4, "tanh"), dense(1, "sigmoid")).seed(1);
            model.compile(new SGD(0.5).momentum(0.9), "binary_crossentropy", "accuracy");
            xorHistory = model.fit(Datasets.xor(), Fit.epochs(300).batchSize(4).verbose(0));
            xor = model;
        }
        return xor;
    }

    static synchronized History xorHistory() {
        xor();
        return xorHistory;
    }

    static Dataset xorData() {
        return Datasets.xor();
    }
}
