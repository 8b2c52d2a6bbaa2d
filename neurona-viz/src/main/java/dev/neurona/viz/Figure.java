package dev.neurona.viz;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A finished picture: something that paints itself onto any {@link Graphics2D} at a given size,
 * so that one drawing gives a PNG (through a {@link BufferedImage}) and an SVG (through
 * VectorGraphics2D; embedded images become {@code data:} URIs, so the SVG needs no other file).
 * Immutable; {@link #withSize} gives the same picture at another size.
 *
 * <pre>{@code
 * Figure f = Plots.history(history);
 * f.savePng(Path.of("history.png"));
 * f.withSize(1200, 500).saveSvg(Path.of("history.svg"));
 * }</pre>
 */
public final class Figure {

    /** Draws a picture into {@code g} over {@code [0, width) × [0, height)}. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    /** Maps data coordinates to pixel coordinates for a figure painted at {@code width × height}. */
    @FunctionalInterface
    interface Locator {
        Point2D locate(double x, double y, int width, int height);
    }

    private final String title;
    private final int width;
    private final int height;
    private final int seriesCount;
    private final Painter painter;
    private final Locator locator;

    Figure(String title, int width, int height, int seriesCount, Painter painter, Locator locator) {
        if (width < 16 || height < 16 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException("Figure: size must be within 16..10000 pixels each way, got "
                    + width + "x" + height);
        }
        this.title = title;
        this.width = width;
        this.height = height;
        this.seriesCount = seriesCount;
        this.painter = painter;
        this.locator = locator;
    }

    Figure(String title, int width, int height, int seriesCount, Painter painter) {
        this(title, width, height, seriesCount, painter, null);
    }

    /** The same picture drawn at {@code width × height} pixels (16 to 10,000 each). */
    public Figure withSize(int width, int height) {
        return new Figure(title, width, height, seriesCount, painter, locator);
    }

    /** The title, also used as the figure's caption in reports. */
    public String title() {
        return title;
    }

    /** The width in pixels. */
    public int width() {
        return width;
    }

    /** The height in pixels. */
    public int height() {
        return height;
    }

    /**
     * The number of data series drawn: lines and point sets in charts (each plot's Javadoc in
     * {@link Plots} says what it counts), for checks in tests.
     */
    public int seriesCount() {
        return seriesCount;
    }

    /**
     * Where the data point {@code (x, y)} lands in the picture, in pixels from the top-left corner;
     * empty for pictures without data axes (such as the network diagram).
     */
    public Optional<Point2D> pixelOf(double x, double y) {
        return locator == null ? Optional.empty() : Optional.of(locator.locate(x, y, width, height));
    }

    /** Paints the picture into {@code g} (for embedding it into a larger drawing). */
    public void paint(Graphics2D g) {
        painter.paint(g, width, height);
    }

    /** The picture as an RGB image of {@link #width()} × {@link #height()} pixels. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The PNG bytes of {@link #toImage()}. */
    public byte[] toPngBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(toImage(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Figure '" + title + "': PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** The picture as a standalone SVG document (UTF-8 text, without an XML declaration). */
    public String toSvgString() {
        VectorGraphics2D g = new VectorGraphics2D();
        painter.paint(g, width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Figure '" + title + "': SVG encoding failed", e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        // The declaration and DOCTYPE would be invalid inside an HTML page; the <svg> element is all we need.
        int start = svg.indexOf("<svg");
        if (start < 0) {
            return svg;
        }
        // VectorGraphics2D leaves out the size of text in its default font (12 px), so a browser would draw it in
        // the page's size (16 px in the report); the root says 12 px, which every <text> without a size inherits.
        return "<svg font-size=\"" + SVG_DEFAULT_FONT_SIZE + "px\"" + svg.substring(start + "<svg".length());
    }

    /** The font size VectorGraphics2D does not write out: that of its default font. */
    static final int SVG_DEFAULT_FONT_SIZE = 12;

    /** Writes the PNG to {@code file} (through a temporary file, so a crash leaves no half-written picture). */
    public void savePng(Path file) throws IOException {
        write(file, toPngBytes());
    }

    /** Writes the SVG to {@code file}. */
    public void saveSvg(Path file) throws IOException {
        String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + toSvgString();
        write(file, svg.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a sibling (same file system, so the move is atomic) created with the usual permissions
        Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String toString() {
        return "Figure('" + title + "', " + width + "x" + height + ", " + seriesCount + " series)";
    }
}
