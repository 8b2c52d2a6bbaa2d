package dev.neurona.models;

import dev.neurona.nn.Mode;
import dev.neurona.tensor.Compiled;
import dev.neurona.tensor.NoGrad;
import dev.neurona.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prediction for models of several inputs or outputs: batches of each input through one
 * {@link Compiled} forward pass (traced once per batch size), the outputs concatenated.
 */
final class MultiPredict {

    private MultiPredict() {
    }

    static List<Tensor> predict(Model model, List<Tensor> xs, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("predict: batch size must be positive, got " + batchSize);
        }
        int n = xs.get(0).dim(0);
        for (int i = 1; i < xs.size(); i++) {
            if (xs.get(i).dim(0) != n) {
                throw new IllegalArgumentException("predict: input " + i + " has " + xs.get(i).dim(0) + " samples, input 0 "
                        + n + "; they must match");
            }
        }
        Compiled forward = new Compiled("inference", in -> {
            try (NoGrad ignored = NoGrad.enter()) {
                List<Tensor> out = model.forwardAll(Arrays.asList(in), Mode.INFERENCE);
                model.clearAddedLosses();
                return out.toArray(Tensor[]::new);
            }
        });
        List<List<Tensor>> parts = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            Tensor[] batch = new Tensor[xs.size()];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = start == 0 && end == n ? xs.get(i) : xs.get(i).slice(start, end);
            }
            Tensor[] out = forward.run(batch);
            for (int k = 0; k < out.length; k++) {
                if (parts.size() <= k) {
                    parts.add(new ArrayList<>());
                }
                parts.get(k).add(out[k].copy());
            }
        }
        List<Tensor> result = new ArrayList<>();
        for (List<Tensor> p : parts) {
            result.add(p.size() == 1 ? p.get(0) : Tensor.concat(0, p.toArray(Tensor[]::new)));
        }
        return result;
    }
}
