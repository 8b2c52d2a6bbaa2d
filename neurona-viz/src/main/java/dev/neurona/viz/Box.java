package dev.neurona.viz;

import dev.neurona.tensor.Tensor;

/**
 * A rectangle of the plane, {@code [xMin, xMax] × [yMin, yMax]}: the part of a 2-D input space
 * that a plot shows.
 */
public record Box(double xMin, double xMax, double yMin, double yMax) {

    public Box {
        if (!(xMin < xMax) || !(yMin < yMax) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
            throw new IllegalArgumentException("Box: need finite xMin < xMax and yMin < yMax, got [" + xMin + ", "
                    + xMax + "] x [" + yMin + ", " + yMax + "]");
        }
    }

    /**
     * The bounding box of the points {@code [n, 2]}, widened by {@code padding} times its size on
     * each side (and to at least 1 in each direction, so that a single point still gets a box).
     */
    public static Box around(Tensor points, double padding) {
        float[][] p = Points.xy("Box.around", points);
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (float[] row : p) {
            x0 = Math.min(x0, row[0]);
            x1 = Math.max(x1, row[0]);
            y0 = Math.min(y0, row[1]);
            y1 = Math.max(y1, row[1]);
        }
        double dx = Math.max(x1 - x0, 1) * padding;
        double dy = Math.max(y1 - y0, 1) * padding;
        return new Box(x0 - dx, x1 + dx, y0 - dy, y1 + dy);
    }

    /** Whether {@code (x, y)} lies inside (borders included). */
    public boolean contains(double x, double y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }

    /**
     * The centres of an {@code nx × ny} grid of cells as points {@code [ny·nx, 2]}, row by row from
     * the top ({@code y} near {@code yMax}) down, so that point {@code j·nx + i} is pixel
     * {@code (i, j)} of an image of the box.
     */
    public Tensor cellCentres(int nx, int ny) {
        float[] xy = new float[nx * ny * 2];
        for (int j = 0; j < ny; j++) {
            double y = yMax - (j + 0.5) * (yMax - yMin) / ny;
            for (int i = 0; i < nx; i++) {
                int k = 2 * (j * nx + i);
                xy[k] = (float) (xMin + (i + 0.5) * (xMax - xMin) / nx);
                xy[k + 1] = (float) y;
            }
        }
        return Tensor.of(xy, nx * ny, 2);
    }
}
