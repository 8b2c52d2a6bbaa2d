package dev.neurona.viz;

import java.util.ArrayList;
import java.util.List;

/**
 * Level sets of a sampled function by marching squares: for each grid cell and level, the
 * segment where the linear interpolation between the four corners crosses the level.
 */
final class Contours {

    private Contours() {
    }

    /**
     * The contour segments of {@code v} (row 0 at {@code box.yMax()}, {@code ny × nx} samples at the
     * grid's nodes, corners included) at each of {@code levels}, in data coordinates, as
     * {@code {x1, y1, x2, y2}}.
     */
    static List<double[]> segments(double[][] v, Box box, double[] levels) {
        int ny = v.length;
        int nx = v[0].length;
        double dx = (box.xMax() - box.xMin()) / (nx - 1);
        double dy = (box.yMax() - box.yMin()) / (ny - 1);
        List<double[]> out = new ArrayList<>();
        for (double level : levels) {
            for (int j = 0; j + 1 < ny; j++) {
                for (int i = 0; i + 1 < nx; i++) {
                    // corners counter-clockwise from the top left, with their data coordinates
                    double[] val = {v[j][i], v[j][i + 1], v[j + 1][i + 1], v[j + 1][i]};
                    double[] cx = {i, i + 1, i + 1, i};
                    double[] cy = {j, j, j + 1, j + 1};
                    List<double[]> crossings = new ArrayList<>(4);
                    for (int e = 0; e < 4; e++) {
                        double a = val[e];
                        double b = val[(e + 1) % 4];
                        if ((a < level) != (b < level) && Double.isFinite(a) && Double.isFinite(b)) {
                            double t = (level - a) / (b - a);
                            double gx = cx[e] + t * (cx[(e + 1) % 4] - cx[e]);
                            double gy = cy[e] + t * (cy[(e + 1) % 4] - cy[e]);
                            crossings.add(new double[] {box.xMin() + gx * dx, box.yMax() - gy * dy});
                        }
                    }
                    // two crossings: one segment; four (a saddle cell): pair them along the edges' order
                    for (int c = 0; c + 1 < crossings.size(); c += 2) {
                        double[] p = crossings.get(c);
                        double[] q = crossings.get(c + 1);
                        out.add(new double[] {p[0], p[1], q[0], q[1]});
                    }
                }
            }
        }
        return out;
    }
}
