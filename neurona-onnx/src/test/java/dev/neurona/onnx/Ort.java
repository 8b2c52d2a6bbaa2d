package dev.neurona.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.neurona.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Runs ONNX files in ONNX Runtime, the tests' oracle, and compares outputs with Neurona's. */
final class Ort {

    /** The tolerance of every comparison: {@code |a − b| ≤ TOL + TOL·|b|}. */
    static final double TOL = 1e-5;

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private Ort() {
    }

    /** The output of the model in {@code file} for {@code x}, fed as the input {@code inputName}. */
    static Tensor run(Path file, String inputName, Tensor x) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1); // the build machine's two cores are shared
            try (OrtSession session = ENV.createSession(file.toString(), options);
                    OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x.data()),
                            Arrays.stream(x.shape()).asLongStream().toArray());
                    OrtSession.Result result = session.run(Map.of(inputName, in))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                FloatBuffer values = out.getFloatBuffer();
                float[] data = new float[values.remaining()];
                values.get(data);
                int[] shape = Arrays.stream(out.getInfo().getShape()).mapToInt(Math::toIntExact).toArray();
                return Tensor.of(data, shape);
            }
        }
    }

    /** Every output of the model in {@code file}, in order, for the inputs fed by name. */
    static java.util.List<Tensor> runAll(Path file, Map<String, Tensor> inputs) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = ENV.createSession(file.toString(), options)) {
                Map<String, OnnxTensor> feeds = new java.util.LinkedHashMap<>();
                try {
                    for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                        Tensor x = e.getValue();
                        feeds.put(e.getKey(), OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x.toArray()),
                                Arrays.stream(x.shape()).asLongStream().toArray()));
                    }
                    try (OrtSession.Result result = session.run(feeds)) {
                        java.util.List<Tensor> outs = new java.util.ArrayList<>();
                        for (int k = 0; k < result.size(); k++) {
                            OnnxTensor out = (OnnxTensor) result.get(k);
                            FloatBuffer values = out.getFloatBuffer();
                            float[] data = new float[values.remaining()];
                            values.get(data);
                            outs.add(Tensor.of(data, Arrays.stream(out.getInfo().getShape()).mapToInt(Math::toIntExact)
                                    .toArray()));
                        }
                        return outs;
                    }
                } finally {
                    feeds.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    /** Asserts equal shapes and values within {@link #TOL}, absolute plus relative. */
    static void assertClose(Tensor actual, Tensor expected, String what) {
        assertThat(actual.shape()).as(what + ": shape").containsExactly(expected.shape());
        float[] a = actual.data();
        float[] e = expected.data();
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs((double) a[i] - e[i]);
            if (!(diff <= TOL + TOL * Math.abs(e[i]))) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + " in ONNX Runtime, " + e[i]
                        + " in Neurona (difference " + diff + ")");
            }
        }
    }
}
