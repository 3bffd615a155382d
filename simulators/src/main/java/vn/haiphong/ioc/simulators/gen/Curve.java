package vn.haiphong.ioc.simulators.gen;

import java.util.Arrays;

/** A piecewise-linear function through keyframes (x ascending): daily profiles and scenario tracks. */
public final class Curve {
    private final double[] xs;
    private final double[] ys;

    public Curve(double[] xs, double[] ys) {
        if (xs.length == 0 || xs.length != ys.length) {
            throw new IllegalArgumentException("a curve needs one value per keyframe and at least one keyframe");
        }
        for (int i = 1; i < xs.length; i++) {
            if (!(xs[i] >= xs[i - 1])) {
                throw new IllegalArgumentException(
                        "keyframes must be in ascending order: " + xs[i - 1] + " then " + xs[i]);
            }
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
    }

    /** From {@code [[x, y], ...]} pairs, as the profile writes them. */
    public static Curve of(double[][] points) {
        double[] xs = new double[points.length];
        double[] ys = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != 2) {
                throw new IllegalArgumentException("a keyframe is [x, y], not " + Arrays.toString(points[i]));
            }
            xs[i] = points[i][0];
            ys[i] = points[i][1];
        }
        return new Curve(xs, ys);
    }

    public double first() {
        return xs[0];
    }

    public double last() {
        return xs[xs.length - 1];
    }

    /** The interpolated value; before the first keyframe the first value, after the last the last. */
    public double at(double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        int n = xs.length;
        if (x >= xs[n - 1]) {
            return ys[n - 1];
        }
        int i = Arrays.binarySearch(xs, x);
        if (i >= 0) {
            return ys[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (x - xs[lo]) / (xs[hi] - xs[lo]);
        return ys[lo] + f * (ys[hi] - ys[lo]);
    }
}
