package io.rebound.bench.report;

/** Round numbers for a value axis: about five ticks at 1, 2, 2.5 or 5 times a power of ten. */
final class Ticks {

    private Ticks() {}

    /** The distance between ticks for an axis from 0 to {@code max}. */
    static double step(double max) {
        double rough = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** The top of an axis showing {@code max}: the first tick at or above it. */
    static double top(double max) {
        double step = step(max);
        return Math.ceil(max / step) * step;
    }
}
