package io.rebound.bench.measure;

import java.util.Map;
import java.util.OptionalDouble;

/** Reads values out of a Prometheus text exposition (what {@code /actuator/prometheus} answers). */
public final class PrometheusText {

    private PrometheusText() {}

    /**
     * The sum of the samples of metric {@code name} (exactly that name, not a longer one sharing its prefix) whose
     * labels include every one of {@code labels}; empty if there is no such sample.
     */
    public static OptionalDouble sum(String text, String name, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            String labelText = "";
            if (rest.startsWith("{")) {
                int end = rest.lastIndexOf('}');
                if (end < 0) {
                    continue;
                }
                labelText = rest.substring(1, end);
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            if (!hasLabels(labelText, labels)) {
                continue;
            }
            String[] value = rest.trim().split("\\s+");
            try {
                sum += Double.parseDouble(value[0]);
                found = true;
            } catch (NumberFormatException e) {
                // NaN or a malformed line: not a value to add
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    public static OptionalDouble sum(String text, String name) {
        return sum(text, name, Map.of());
    }

    private static boolean hasLabels(String labelText, Map<String, String> labels) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!("," + labelText.replace(", ", ","))
                    .contains("," + label.getKey() + "=\"" + label.getValue() + "\"")) {
                return false;
            }
        }
        return true;
    }
}
