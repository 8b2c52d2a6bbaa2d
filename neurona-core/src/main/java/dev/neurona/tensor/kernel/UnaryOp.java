package dev.neurona.tensor.kernel;

/**
 * The elementwise functions of one value that are not activations, each with its derivative:
 * named, so that a backend (a device one later) can run them without Java lambdas. Some take
 * parameters {@code p}, {@code q}: the exponent of {@link #POW}, the bounds of {@link #CLAMP};
 * the others ignore them. Derivatives get the input {@code x} and the output {@code y}.
 */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, SQUARE, POW, ABS, CLAMP;

    /** {@code f(x)}. */
    public float apply(float x, float p, float q) {
        switch (this) {
            case NEG: return -x;
            case EXP: return (float) Math.exp(x);
            case LOG: return (float) Math.log(x);
            case SQRT: return (float) Math.sqrt(x);
            case SQUARE: return x * x;
            case POW: return (float) Math.pow(x, p);
            case ABS: return Math.abs(x);
            case CLAMP: return Math.min(Math.max(x, p), q);
            default: throw new AssertionError(this);
        }
    }

    /** {@code f'(x)}, given {@code x} and {@code y = f(x)}; clamp passes the gradient inside its bounds, ties included. */
    public float derivative(float x, float y, float p, float q) {
        switch (this) {
            case NEG: return -1f;
            case EXP: return y;
            case LOG: return 1f / x;
            case SQRT: return 0.5f / y;
            case SQUARE: return 2f * x;
            case POW: return p == 0f ? 0f : (float) (p * Math.pow(x, p - 1.0));
            case ABS: return Math.signum(x);
            case CLAMP: return x >= p && x <= q ? 1f : 0f;
            default: throw new AssertionError(this);
        }
    }
}
