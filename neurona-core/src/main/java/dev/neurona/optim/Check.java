package dev.neurona.optim;

/** Hyper-parameter checks whose messages name the owner, the quantity and the bad value. */
final class Check {

    private Check() {
    }

    static double positive(String owner, String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + what + " must be positive, got " + value);
        }
        return value;
    }

    static double nonNegative(String owner, String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + what + " must be non-negative, got " + value);
        }
        return value;
    }

    /** {@code 0 <= value < 1}, as for decay rates and betas. */
    static double unitInterval(String owner, String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(owner + ": " + what + " must be in [0, 1), got " + value);
        }
        return value;
    }

    static <T> T notNull(String owner, String what, T value) {
        if (value == null) {
            throw new IllegalArgumentException(owner + ": " + what + " must not be null");
        }
        return value;
    }
}
