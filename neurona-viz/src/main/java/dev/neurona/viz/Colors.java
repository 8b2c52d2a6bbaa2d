package dev.neurona.viz;

import java.awt.Color;

/** The colours every plot shares: a categorical palette and two colour maps. */
final class Colors {

    /** Tableau 10, the matplotlib default: distinguishable, and readable in greyscale as light/dark. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /** Viridis at five stops (perceptually uniform, colour-blind safe). */
    private static final Color[] VIRIDIS = {
        new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)};

    /** TensorFlow Playground's negative (orange) and positive (blue) ends. */
    static final Color NEGATIVE = new Color(0xf59322);
    static final Color POSITIVE = new Color(0x0877bd);

    private Colors() {
    }

    /** The colour of class or series {@code i} (the palette repeats after ten). */
    static Color series(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** {@code a} moved towards {@code b} by {@code t} in [0, 1]. */
    static Color mix(Color a, Color b, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
    }

    /** Viridis at {@code t} in [0, 1] (dark purple to yellow). */
    static Color viridis(double t) {
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) u, VIRIDIS.length - 2);
        return mix(VIRIDIS[i], VIRIDIS[i + 1], u - i);
    }

    /** Orange for −1 through white for 0 to blue for +1, as the Playground shows neuron outputs. */
    static Color diverging(double t) {
        double u = Math.max(-1, Math.min(1, t));
        return u < 0 ? mix(Color.WHITE, NEGATIVE, -u) : mix(Color.WHITE, POSITIVE, u);
    }

    /** {@code c} with alpha {@code a} in [0, 255]. */
    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    /**
     * Black or white, whichever reads better on {@code background}: white where its relative
     * luminance (WCAG 2, from linearised sRGB) is below 0.179, the level at which black and white
     * text have the same contrast against it; black elsewhere.
     */
    static Color textOn(Color background) {
        return luminance(background) < 0.179 ? Color.WHITE : Color.BLACK;
    }

    /** WCAG relative luminance in [0, 1]: 0.2126 R + 0.7152 G + 0.0722 B of the linearised channels. */
    static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
