package io.rebound.bench.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Everything a bench run measured: one value per run for each metric, CPU per process per phase, the context the
 * report needs to be read correctly, and notes about anything that went wrong. Written as JSON next to the logs.
 */
public final class Results {

    /** One figure's value in each run; the report shows the median. */
    public record Metric(String unit, List<Double> runs) {
        public double median() {
            return Stats.median(runs.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    private final Map<String, String> context = new LinkedHashMap<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Double>>> cpu = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Double>>> postgresWaits = new LinkedHashMap<>();
    private final Map<String, Profiler.Profile> profiles = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public synchronized void context(String name, Object value) {
        context.put(name, String.valueOf(value));
    }

    public synchronized void add(String metric, String unit, double value) {
        metrics.computeIfAbsent(metric, m -> new Metric(unit, new ArrayList<>()))
                .runs()
                .add(value);
    }

    public synchronized void cpu(String phase, Map<String, Double> cores) {
        cpu.computeIfAbsent(phase, p -> new ArrayList<>()).add(cores);
    }

    /** Average active backends by wait state during one run of a phase. */
    public synchronized void postgresWaits(String phase, Map<String, Double> waits) {
        postgresWaits.computeIfAbsent(phase, p -> new ArrayList<>()).add(waits);
    }

    /** The wait states of a phase, averaged over its runs, busiest first. */
    public synchronized Map<String, Double> postgresWaits(String phase) {
        List<Map<String, Double>> runs = postgresWaits.getOrDefault(phase, List.of());
        Map<String, Double> sums = new LinkedHashMap<>();
        runs.forEach(run -> run.forEach((state, active) -> sums.merge(state, active / runs.size(), Double::sum)));
        Map<String, Double> sorted = new LinkedHashMap<>();
        sums.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    public synchronized void profile(String name, Profiler.Profile profile) {
        profiles.put(name, profile);
    }

    public synchronized Profiler.Profile profile(String name) {
        return profiles.get(name);
    }

    public synchronized void note(String note) {
        System.out.println("note: " + note);
        notes.add(note);
    }

    public synchronized double median(String metric) {
        Metric m = metrics.get(metric);
        return m == null ? Double.NaN : m.median();
    }

    public synchronized List<Double> runs(String metric) {
        Metric m = metrics.get(metric);
        return m == null ? List.of() : List.copyOf(m.runs());
    }

    public synchronized boolean has(String metric) {
        return metrics.containsKey(metric);
    }

    /** Median cores per process over the runs of a phase. */
    public synchronized Map<String, Double> cpuMedian(String phase) {
        Map<String, Double> medians = new LinkedHashMap<>();
        List<Map<String, Double>> runs = cpu.getOrDefault(phase, List.of());
        if (runs.isEmpty()) {
            return medians;
        }
        for (String process : runs.get(runs.size() - 1).keySet()) {
            medians.put(
                    process,
                    Stats.median(runs.stream()
                            .mapToDouble(r -> r.getOrDefault(process, Double.NaN))
                            .toArray()));
        }
        return medians;
    }

    public synchronized Map<String, String> context() {
        return new LinkedHashMap<>(context);
    }

    public synchronized String context(String name) {
        return context.getOrDefault(name, "");
    }

    public synchronized Map<String, Metric> metrics() {
        return new LinkedHashMap<>(metrics);
    }

    public synchronized Map<String, List<Map<String, Double>>> cpu() {
        return new LinkedHashMap<>(cpu);
    }

    /** Reads back what {@link #snapshot()} wrote, to render the report again without measuring. */
    public static Results load(JsonNode json) {
        Results results = new Results();
        json.path("context")
                .properties()
                .forEach(e -> results.context(e.getKey(), e.getValue().asString()));
        json.path("metrics").properties().forEach(e -> {
            for (JsonNode run : e.getValue().path("runs")) {
                results.add(e.getKey(), e.getValue().path("unit").asString(), number(run));
            }
        });
        json.path("cpu").properties().forEach(e -> e.getValue().forEach(run -> results.cpu(e.getKey(), doubles(run))));
        json.path("postgres_waits")
                .properties()
                .forEach(e -> e.getValue().forEach(run -> results.postgresWaits(e.getKey(), doubles(run))));
        json.path("profiles")
                .properties()
                .forEach(e -> results.profile(
                        e.getKey(),
                        new Profiler.Profile(
                                e.getValue().path("samples").asLong(),
                                doubles(e.getValue().path("byThread")),
                                doubles(e.getValue().path("byLibrary")))));
        json.path("notes").forEach(note -> results.notes.add(note.asString()));
        return results;
    }

    private static Map<String, Double> doubles(JsonNode object) {
        Map<String, Double> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), number(e.getValue())));
        return values;
    }

    /** A number as {@link #snapshot()} wrote it: NaN (nothing measured) goes out as the string "NaN". */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asString());
    }

    /** Everything, as plain maps and lists for the JSON file. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("context", context());
        all.put("metrics", metrics());
        all.put("cpu", cpu());
        all.put("postgres_waits", new LinkedHashMap<>(postgresWaits));
        all.put("profiles", new LinkedHashMap<>(profiles));
        all.put("notes", notes());
        return all;
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
