package dev.neurona.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid of small images of equal size (a layer's filters, a layer's feature maps), each cell
 * of an image drawn as a square of whole pixels so that its colour is exact, under a title.
 * The layout depends only on the figure's size, so tests can find a cell's pixels with
 * {@link #cellCentre}.
 */
final class TileGrid {

    /** Most tiles a row. */
    static final int MAX_COLUMNS = 16;
    static final int MARGIN = 12;
    static final int GAP = 6;
    static final int TITLE = 32;

    /** One tile's colours, {@code [row][column]} as RGB, and its caption (such as the channel index). */
    record Tile(int[][] rgb, String caption) {
    }

    private TileGrid() {
    }

    /** Columns of the grid for {@code n} tiles: near square, at most {@value #MAX_COLUMNS}. */
    static int columns(int n) {
        return Math.max(1, Math.min(MAX_COLUMNS, (int) Math.ceil(Math.sqrt(n))));
    }

    /** Pixels per image cell when {@code n} tiles of {@code rows × cols} cells fill {@code width × height}. */
    static int cellSize(int n, int rows, int cols, int width, int height) {
        int gridCols = columns(n);
        int gridRows = (n + gridCols - 1) / gridCols;
        int tileW = (width - 2 * MARGIN - (gridCols - 1) * GAP) / gridCols;
        int tileH = (height - TITLE - MARGIN - (gridRows - 1) * GAP) / gridRows - captionHeight();
        return Math.max(1, Math.min(tileW / cols, tileH / rows));
    }

    /** The pixel at the centre of cell {@code (row, col)} of tile {@code tile}, as {x, y}. */
    static int[] cellCentre(int n, int rows, int cols, int width, int height, int tile, int row, int col) {
        int cell = cellSize(n, rows, cols, width, height);
        int[] origin = origin(n, rows, cols, cell, tile);
        return new int[] {origin[0] + col * cell + cell / 2, origin[1] + row * cell + cell / 2};
    }

    private static int captionHeight() {
        return 14;
    }

    private static int[] origin(int n, int rows, int cols, int cell, int tile) {
        int gridCols = columns(n);
        int x = MARGIN + (tile % gridCols) * (cols * cell + GAP);
        int y = TITLE + (tile / gridCols) * (rows * cell + GAP + captionHeight());
        return new int[] {x, y};
    }

    /** A figure of the tiles (all of {@code rows × cols} cells), sized so that each tile is about 64 pixels. */
    static Figure figure(String title, List<Tile> tiles, int rows, int cols) {
        int n = tiles.size();
        int gridCols = columns(n);
        int gridRows = (n + gridCols - 1) / gridCols;
        int cell = Math.max(1, Math.round(64f / Math.max(rows, cols)));
        int width = Math.max(360, 2 * MARGIN + gridCols * cols * cell + (gridCols - 1) * GAP);
        int height = TITLE + MARGIN + gridRows * (rows * cell + captionHeight()) + (gridRows - 1) * GAP;
        return new Figure(title, width, Math.max(120, height), n, (g, w, h) -> paint(g, w, h, title, tiles, rows, cols));
    }

    private static void paint(Graphics2D g, int width, int height, String title, List<Tile> tiles, int rows, int cols) {
        int n = tiles.size();
        int cell = cellSize(n, rows, cols, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int t = 0; t < n; t++) {
            Tile tile = tiles.get(t);
            BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    image.setRGB(c, r, tile.rgb()[r][c]);
                }
            }
            int[] at = origin(n, rows, cols, cell, t);
            g.drawImage(image, at[0], at[1], cols * cell, rows * cell, null);
            g.setColor(Color.GRAY);
            g.drawString(tile.caption(), at[0], at[1] + rows * cell + 11);
        }
    }

    /** A grey level in [0, 1] as RGB (0 black, 1 white). */
    static int gray(double level) {
        int v = (int) Math.round(255 * Math.max(0, Math.min(1, level)));
        return (v << 16) | (v << 8) | v;
    }

    /** Red, green and blue levels in [0, 1] as RGB. */
    static int rgb(double r, double g, double b) {
        return (gray(r) & 0xff0000) | (gray(g) & 0xff00) | (gray(b) & 0xff);
    }
}
