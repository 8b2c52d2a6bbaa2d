package dev.neurona.tensor.kernel;

/**
 * The elementwise activation functions, each defined once with its derivative: the activation
 * primitives and the planner's fused bias-and-activation passes both use these, so the two
 * cannot drift apart.
 *
 * <p>{@code alpha} is the one parameter some functions take (leaky ReLU's slope, ELU's
 * alpha); the others ignore it. Derivatives are given the input {@code x} and the output
 * {@code y}, so that each can use whichever is cheaper. At kinks they follow PyTorch:
 * relu'(0) = 0, leaky_relu'(0) = alpha, selu'(0) = scale·alpha.
 */
public enum ActivationKernel {
    LINEAR, RELU, LEAKY_RELU, ELU, SELU, SIGMOID, TANH, SOFTPLUS, SOFTSIGN, SILU, HARD_SIGMOID, GELU, GELU_TANH, SIGN;

    /** SELU's constants (Klambauer et al., 2017). */
    public static final double SELU_ALPHA = 1.6732632423543772;
    public static final double SELU_SCALE = 1.0507009873554805;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    /** Above this, softplus(x) = x (PyTorch's threshold). */
    private static final float SOFTPLUS_THRESHOLD = 20f;

    /** Sigmoid that never evaluates {@code exp} of a large positive number. */
    public static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /** {@code f(x)}. */
    public float apply(float x, float alpha) {
        switch (this) {
            case LINEAR: return x;
            case RELU: return Math.max(x, 0f);
            case LEAKY_RELU: return x > 0f ? x : alpha * x;
            case ELU: return x > 0f ? x : (float) (alpha * Math.expm1(x));
            case SELU: return (float) (x > 0f ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x));
            case SIGMOID: return sigmoid(x);
            case TANH: return (float) Math.tanh(x);
            case SOFTPLUS:
                return x > SOFTPLUS_THRESHOLD ? x : (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
            case SOFTSIGN: return x / (1f + Math.abs(x));
            case SILU: return x * sigmoid(x);
            case HARD_SIGMOID: return Math.min(Math.max(x / 6f + 0.5f, 0f), 1f);
            case GELU: return (float) (0.5 * x * (1 + SpecialFunctions.erf(x * INV_SQRT_2)));
            case GELU_TANH: return (float) (0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))));
            case SIGN: return Math.signum(x);
            default: throw new AssertionError(this);
        }
    }

    /** {@code f'(x)}, given {@code x} and {@code y = f(x)}. */
    public float derivative(float x, float y, float alpha) {
        switch (this) {
            case LINEAR: return 1f;
            case RELU: return x > 0f ? 1f : 0f;
            case LEAKY_RELU: return x > 0f ? 1f : alpha;
            case ELU: return x > 0f ? 1f : (float) (alpha * Math.exp(x));
            case SELU: return (float) (x > 0f ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(x));
            case SIGMOID: return y * (1f - y);
            case TANH: return 1f - y * y;
            case SOFTPLUS: return x > SOFTPLUS_THRESHOLD ? 1f : sigmoid(x);
            case SOFTSIGN: {
                float d = 1f + Math.abs(x);
                return 1f / (d * d);
            }
            case SILU: {
                float s = sigmoid(x);
                return s + x * s * (1f - s);
            }
            case HARD_SIGMOID: return x > -3f && x < 3f ? 1f / 6f : 0f;
            case GELU:
                return (float) (0.5 * (1 + SpecialFunctions.erf(x * INV_SQRT_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x));
            case GELU_TANH: {
                double t = Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x));
                double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
                return (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du);
            }
            case SIGN: return 0f;
            default: throw new AssertionError(this);
        }
    }

    /**
     * {@code y[i] = f(x[i])} for {@code i < n}; {@code y} may be {@code x} (in place). The common
     * functions get loops of their own so that the JIT can vectorize them.
     */
    public void forward(float[] x, float[] y, int n, float alpha) {
        forward(x, y, 0, n, alpha);
    }

    /** {@code y[i] = f(x[i])} for {@code from <= i < to} (a row of a fused pass). */
    public void forward(float[] x, float[] y, int from, int to, float alpha) {
        switch (this) {
            case LINEAR -> {
                if (y != x) {
                    System.arraycopy(x, from, y, from, to - from);
                }
            }
            case RELU -> {
                // Math.max vectorizes (a ternary does not: ~10× slower); NaN stays NaN
                for (int i = from; i < to; i++) {
                    y[i] = Math.max(x[i], 0f);
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    y[i] = apply(x[i], alpha);
                }
            }
        }
    }

    /**
     * {@code g[i] *= f'(x[i])} for {@code i < n}, in place, given the inputs {@code x} and the
     * outputs {@code y = f(x)}.
     */
    public void backwardInPlace(float[] x, float[] y, float[] g, int n, float alpha) {
        backwardInPlace(x, y, g, 0, n, alpha);
    }

    /** {@code g[i] *= f'(x[i])} for {@code from <= i < to}, in place (a row of a fused pass). */
    public void backwardInPlace(float[] x, float[] y, float[] g, int from, int to, float alpha) {
        switch (this) {
            case LINEAR -> { }
            case RELU -> {
                // y = max(x, 0) ≥ 0, so min(y·MAX·MAX, 1) is exactly 1 for y > 0 (the smallest
                // subnormal times MAX_VALUE² overflows past 1) and 0 for y = 0: the indicator
                // without a branch, which vectorizes (the ternary does not: ~5× slower)
                for (int i = from; i < to; i++) {
                    g[i] *= Math.min(y[i] * Float.MAX_VALUE * Float.MAX_VALUE, 1f);
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    g[i] *= y[i] * (1f - y[i]);
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    g[i] *= 1f - y[i] * y[i];
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    g[i] *= derivative(x[i], y[i], alpha);
                }
            }
        }
    }
}
