package dev.neurona.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.tensor.Parameter;
import dev.neurona.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the golden {@code optimizers.json} (PyTorch 1.13, float64): six steps of each
 * optimizer configured in PyTorch mode, compared at the README's float32 tolerances.
 */
class GoldenOptimizerTest {

    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-5;

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseMatches() {
        return cases().stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
    }

    @Test
    void theGoldenFileHasTheSixteenDocumentedCases() {
        assertThat(cases()).hasSize(16);
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        String name = (String) c.get("name");
        Optimizer optimizer = pytorchEquivalent((String) c.get("torch_class"), (Map<String, Object>) c.get("hyperparameters"));
        Map<String, Object> initial = (Map<String, Object>) c.get("initial_params");
        Parameter w = new Parameter("w", Tensor.of(matrix(initial.get("w"))));
        Parameter b = new Parameter("b", Tensor.of(flat(initial.get("b"))));
        float[] w0 = w.data().clone();
        float[] b0 = b.data().clone();
        boolean displacement = name.equals("adadelta_lr0.001_rho0.95_eps1e-7");
        for (Map<String, Object> step : (List<Map<String, Object>>) c.get("steps")) {
            Map<String, Object> grads = (Map<String, Object>) step.get("grads");
            setGrad(w, flat(grads.get("w")));
            setGrad(b, flat(grads.get("b")));
            optimizer.step(List.of(w, b));
            Map<String, Object> after = (Map<String, Object>) step.get("params_after");
            String where = name + " step " + step.get("step");
            if (displacement) {
                // Each step moves by ~1e-6, below float32 resolution at these magnitudes: compare displacements (README).
                assertDisplacement(where + " w", w.data(), w0, doubles(after.get("w")), initial.get("w"));
                assertDisplacement(where + " b", b.data(), b0, doubles(after.get("b")), initial.get("b"));
            } else {
                assertClose(where + " w", w.data(), doubles(after.get("w")));
                assertClose(where + " b", b.data(), doubles(after.get("b")));
            }
        }
        assertThat(optimizer.iterations()).isEqualTo(6);
    }

    /** The optimizer configured to follow PyTorch's rule with the case's resolved hyper-parameters. */
    @SuppressWarnings("unchecked")
    static Optimizer pytorchEquivalent(String torchClass, Map<String, Object> h) {
        double lr = num(h, "lr");
        assertThat(h.getOrDefault("maximize", false)).as("maximize").isEqualTo(false);
        List<Number> betas = (List<Number>) h.get("betas");
        switch (torchClass) {
            case "torch.optim.SGD" -> {
                assertThat(num(h, "dampening")).isZero();
                return new SGD(lr).momentum(num(h, "momentum")).nesterov((Boolean) h.get("nesterov"))
                        .weightDecay(num(h, "weight_decay")).weightDecayMode(WeightDecayMode.COUPLED);
            }
            case "torch.optim.Adagrad" -> {
                assertThat(num(h, "lr_decay")).isZero();
                return new Adagrad(lr).initialAccumulatorValue(num(h, "initial_accumulator_value"))
                        .epsilon(num(h, "eps")).epsilonMode(EpsilonMode.PYTORCH)
                        .weightDecay(num(h, "weight_decay")).weightDecayMode(WeightDecayMode.COUPLED);
            }
            case "torch.optim.RMSprop" -> {
                return new RMSprop(lr).rho(num(h, "alpha")).epsilon(num(h, "eps")).momentum(num(h, "momentum"))
                        .centered((Boolean) h.get("centered")).epsilonMode(EpsilonMode.PYTORCH)
                        .weightDecay(num(h, "weight_decay")).weightDecayMode(WeightDecayMode.COUPLED);
            }
            case "torch.optim.Adadelta" -> {
                return new Adadelta(lr).rho(num(h, "rho")).epsilon(num(h, "eps"))
                        .weightDecay(num(h, "weight_decay")).weightDecayMode(WeightDecayMode.COUPLED);
            }
            case "torch.optim.Adam" -> {
                return new Adam(lr).beta1(betas.get(0).doubleValue()).beta2(betas.get(1).doubleValue())
                        .epsilon(num(h, "eps")).amsgrad((Boolean) h.get("amsgrad")).epsilonMode(EpsilonMode.PYTORCH)
                        .weightDecay(num(h, "weight_decay")).weightDecayMode(WeightDecayMode.COUPLED);
            }
            case "torch.optim.AdamW" -> {
                // AdamW's decay is decoupled in PyTorch too: θ ← θ(1 − lr·λ) before the Adam step.
                return new AdamW(lr).beta1(betas.get(0).doubleValue()).beta2(betas.get(1).doubleValue())
                        .epsilon(num(h, "eps")).amsgrad((Boolean) h.get("amsgrad")).epsilonMode(EpsilonMode.PYTORCH)
                        .weightDecay(num(h, "weight_decay")).weightDecayMode(WeightDecayMode.DECOUPLED);
            }
            case "torch.optim.Adamax" -> {
                return new Adamax(lr).beta1(betas.get(0).doubleValue()).beta2(betas.get(1).doubleValue())
                        .epsilon(num(h, "eps")).epsilonMode(EpsilonMode.PYTORCH)
                        .weightDecay(num(h, "weight_decay")).weightDecayMode(WeightDecayMode.COUPLED);
            }
            case "torch.optim.NAdam" -> {
                return new Nadam(lr).beta1(betas.get(0).doubleValue()).beta2(betas.get(1).doubleValue())
                        .epsilon(num(h, "eps")).momentumDecay(num(h, "momentum_decay"))
                        .weightDecay(num(h, "weight_decay")).weightDecayMode(WeightDecayMode.COUPLED);
            }
            default -> throw new AssertionError("no equivalent for " + torchClass);
        }
    }

    private static void assertClose(String where, float[] actual, double[] expected) {
        assertThat(actual).as(where + " size").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (err > ATOL + RTOL * Math.abs(expected[i])) {
                fail(where + " [" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (error " + err + ")");
            }
        }
    }

    private static void assertDisplacement(String where, float[] actual, float[] start, double[] expected, Object initial) {
        double[] initialValues = doubles(initial);
        for (int i = 0; i < expected.length; i++) {
            double delta = (double) actual[i] - start[i];
            double deltaRef = expected[i] - initialValues[i];
            if (Math.abs(delta - deltaRef) > 1e-2 * Math.abs(deltaRef) + 1e-6) {
                fail(where + " [" + i + "]: displacement expected " + deltaRef + ", got " + delta);
            }
        }
    }

    /** Sets {@code p}'s gradient to exactly {@code g}: the gradient of sum(p·g) added to a zeroed one. */
    static void setGrad(Parameter p, float[] g) {
        p.zeroGrad();
        p.mul(Tensor.of(g, p.shape())).sum().backward();
    }

    // ---------------------------------------------------------------- a tiny golden loader

    private static List<Map<String, Object>> cachedCases;

    @SuppressWarnings("unchecked")
    static synchronized List<Map<String, Object>> cases() {
        if (cachedCases == null) {
            Path file = goldenFolder().resolve("optimizers.json");
            try {
                Map<String, Object> root = new ObjectMapper().readValue(file.toFile(), Map.class);
                cachedCases = (List<Map<String, Object>>) root.get("cases");
            } catch (IOException e) {
                throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return cachedCases;
    }

    /** The folder named by {@code -Dneurona.golden}, else {@code shared/golden} beside an ancestor of the working directory. */
    static Path goldenFolder() {
        List<String> tried = new ArrayList<>();
        String property = System.getProperty("neurona.golden");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            tried.add(p + " (from -Dneurona.golden)");
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("golden");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            tried.add(candidate.toString());
        }
        throw new AssertionError("golden folder not found; set -Dneurona.golden=<folder with optimizers.json>. Tried: " + tried);
    }

    private static double num(Map<String, Object> h, String key) {
        Object v = h.get(key);
        assertThat(v).as("hyperparameter " + key).isInstanceOf(Number.class);
        return ((Number) v).doubleValue();
    }

    private static double[] doubles(Object nested) {
        List<Double> out = new ArrayList<>();
        flatten(nested, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(Object nested, List<Double> out) {
        if (nested instanceof List<?> list) {
            list.forEach(item -> flatten(item, out));
        } else {
            out.add(((Number) nested).doubleValue());
        }
    }

    private static float[] flat(Object nested) {
        double[] d = doubles(nested);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static float[][] matrix(Object nested) {
        List<?> rows = (List<?>) nested;
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = flat(rows.get(r));
        }
        return out;
    }
}
