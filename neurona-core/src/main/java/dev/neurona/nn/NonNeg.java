package dev.neurona.nn;

/** Keras's {@code NonNeg}: {@code w · (w ≥ 0)}, so negative weights become (negative) zero. */
final class NonNeg implements Constraint {

    static final NonNeg INSTANCE = new NonNeg();

    private NonNeg() {
    }

    @Override
    public void apply(float[] values, int[] shape) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= values[i] >= 0 ? 1f : 0f;
        }
    }

    @Override
    public String name() {
        return "non_neg";
    }

    @Override
    public String toString() {
        return name();
    }
}
