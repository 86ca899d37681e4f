package io.rebound.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Numbers as the report prints them: about three significant digits, thousands separated. */
final class Format {

    private Format() {}

    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs == 0) {
            return "0";
        }
        if (abs < 0.01) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A count that may be fractional (a median of runs): {@code 3}, {@code 212}, {@code 2.50}. */
    static String whole(double value) {
        return !Double.isNaN(value) && value == Math.rint(value) ? count(value) : num(value);
    }

    static String count(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : num(value) + "×";
    }

    /** Seconds from milliseconds: {@code 2 s}, {@code 2.5 s}. */
    static String seconds(double millis) {
        double s = millis / 1000;
        return (s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f", s) : num(s)) + " s";
    }

    static String ms(double value) {
        return num(value) + " ms";
    }

    static String runs(List<Double> runs) {
        return runs.stream().map(Format::num).collect(Collectors.joining(" / "));
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
