package dev.neurona.optim;

/**
 * Where an optimizer adds its epsilon to the denominator. Keras 3 and PyTorch differ for
 * {@link Adagrad}, {@link RMSprop}, {@link Adam} (and {@link AdamW}) and {@link Adamax}; with
 * the same epsilon <em>value</em> the two give slightly different updates.
 *
 * <table>
 *   <caption>The denominators, with {@code s}, {@code v}, {@code u} the optimizer's accumulators</caption>
 *   <tr><th>optimizer</th><th>{@link #KERAS}</th><th>{@link #PYTORCH}</th></tr>
 *   <tr><td>Adagrad</td><td>{@code sqrt(s + eps)}</td><td>{@code sqrt(s) + eps}</td></tr>
 *   <tr><td>RMSprop</td><td>{@code sqrt(v + eps)}</td><td>{@code sqrt(v) + eps}</td></tr>
 *   <tr><td>Adam</td><td>{@code sqrt(v) + eps}, before bias correction ("epsilon hat")</td>
 *       <td>{@code sqrt(v / (1 - β2^t)) + eps}, after it</td></tr>
 *   <tr><td>Adamax</td><td>{@code max(β2 u, |g|) + eps}</td><td>{@code max(β2 u, |g| + eps)}</td></tr>
 * </table>
 *
 * <p>{@link Adadelta} and {@link Nadam} place epsilon the same way in both libraries and have
 * no mode.
 */
public enum EpsilonMode {
    /** Keras 3's placement (the default). */
    KERAS,
    /** PyTorch's placement. */
    PYTORCH
}
