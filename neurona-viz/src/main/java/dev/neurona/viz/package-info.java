/**
 * Pictures: training curves, decision boundaries (networks and perceptrons), the perceptron's line
 * per epoch, optimizer paths over test functions, the learning-rate comparison, confusion matrices,
 * activation functions with their derivatives, network diagrams and hidden-neuron maps, each as a
 * {@link dev.neurona.viz.Figure} that saves PNG or SVG; and {@link dev.neurona.viz.Report}, a
 * self-contained HTML training report.
 *
 * <p>Charts are XChart's; what XChart lacks (a picture of the plane behind a chart, contours, the
 * network diagram) is drawn with Java 2D, so one painter gives both PNG and SVG (through
 * VectorGraphics2D). Runs headless ({@code java.awt.headless=true}); text needs fontconfig and a
 * font (Debian: {@code fontconfig fonts-dejavu-core}).
 *
 * <p>Depends on {@code neurona-core} and XChart only; nothing in core depends on it.
 */
package dev.neurona.viz;
