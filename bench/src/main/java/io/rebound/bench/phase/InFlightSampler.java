package io.rebound.bench.phase;

import io.rebound.bench.client.Http;
import io.rebound.bench.load.LoadRun;
import io.rebound.bench.measure.PrometheusText;
import io.rebound.bench.measure.Stats;
import io.rebound.bench.stack.ProcFs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Samples, every {@value #EVERY_MS} ms of a measured window, the AI calls the workers have in flight and the TCP
 * connections open to the AI simulator (what is on the wire, whatever the workers say). Records the median, p10 and
 * max of the samples, the workers' in-flight limit and, if they expose it, {@code rebound_worker_waiting} (records held
 * that wait for a slot).
 *
 * <p>In flight is the workers' {@code rebound_worker_in_flight} gauge, summed; a worker without it is read from Spring
 * AI's long-task timer of the calls running now ({@code gen_ai.client.operation.active}). Each value is read alone
 * from {@code /actuator/metrics/<name>}, the meter names resolved once per window from the list of meters: a whole
 * Prometheus scrape every 200 ms cost the worker more CPU than what it measured (a scrape took 140 ms on a busy
 * machine). A worker whose meters are not listed there is read from {@code /actuator/prometheus}.
 */
final class InFlightSampler implements LoadRun.Monitor {

    static final long EVERY_MS = 200;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final String ACTIVE_AI_CALLS = "gen_ai.client.operation.active";
    static final String WAITING = "rebound_worker_waiting";

    private final PhaseContext ctx;
    private final String key;
    private final int workers;
    private final LoadRun.Monitor delegate;
    private final List<Double> inFlight = new ArrayList<>();
    private final List<Double> connections = new ArrayList<>();
    private final List<Double> readMs = new ArrayList<>();
    private final List<Double> waiting = new ArrayList<>();
    private final List<Meters> meters = new ArrayList<>();
    private double limit = Double.NaN;
    private volatile boolean running;
    private Thread thread;

    /** Where one worker's values are read: meter names for {@code /actuator/metrics}, or null for Prometheus. */
    private record Meters(String base, String inFlight, String inFlightStatistic, String waiting) {
        String source() {
            return inFlight == null ? "none" : inFlight;
        }
    }

    InFlightSampler(PhaseContext ctx, String key, int workers, LoadRun.Monitor delegate) {
        this.ctx = ctx;
        this.key = key;
        this.workers = workers;
        this.delegate = delegate;
    }

    @Override
    public void windowStarted() {
        delegate.windowStarted();
        meters.clear();
        double limits = 0;
        for (int w = 0; w < workers; w++) {
            Meters m = resolve(ctx.stack().workerUrl(w));
            meters.add(m);
            limits += ctx.inFlightLimit(w).orElse(Double.NaN);
        }
        limit = limits;
        ctx.results()
                .context(
                        "in_flight_source." + key,
                        String.join(
                                " + ",
                                meters.stream().map(Meters::source).distinct().toList()));
        running = true;
        thread = new Thread(this::loop, "in-flight-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void sample() {
        delegate.sample();
    }

    @Override
    public void windowEnded() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.windowEnded();
        synchronized (this) {
            if (!inFlight.isEmpty()) {
                ctx.results().add(key + ".in_flight_p50", "calls", Stats.percentile(inFlight, 50));
                ctx.results().add(key + ".in_flight_p10", "calls", Stats.percentile(inFlight, 10));
                ctx.results().add(key + ".in_flight_max", "calls", Stats.percentile(inFlight, 100));
                ctx.results().add(key + ".in_flight_samples", "samples", inFlight.size());
            }
            if (!Double.isNaN(limit)) {
                ctx.results().add(key + ".in_flight_limit", "calls", limit);
            }
            if (!waiting.isEmpty()) {
                ctx.results().add(key + ".waiting_p50", "records", Stats.percentile(waiting, 50));
            }
            ctx.results().add(key + ".simulator_connections_p50", "connections", Stats.percentile(connections, 50));
            ctx.results().add(key + ".simulator_connections_max", "connections", Stats.percentile(connections, 100));
            ctx.results().add(key + ".read_ms_p50", "ms", Stats.percentile(readMs, 50));
            inFlight.clear();
            connections.clear();
            readMs.clear();
            waiting.clear();
        }
    }

    /** The names under which a worker lists its in-flight and waiting meters; nulls if it lists neither. */
    private Meters resolve(String base) {
        Set<String> names = new HashSet<>();
        try {
            for (JsonNode name : ctx.http().getJson(base + "/actuator/metrics").path("names")) {
                names.add(name.asString());
            }
        } catch (RuntimeException e) {
            return new Meters(base, null, null, null);
        }
        String inFlightName = find(names, PhaseContext.IN_FLIGHT);
        String waitingName = find(names, WAITING);
        if (inFlightName != null) {
            return new Meters(base, inFlightName, "VALUE", waitingName);
        }
        if (names.contains(ACTIVE_AI_CALLS)) {
            return new Meters(base, ACTIVE_AI_CALLS, "ACTIVE_TASKS", waitingName);
        }
        return new Meters(base, null, null, waitingName);
    }

    /** The listed meter whose Prometheus name is {@code prometheusName} ({@code a.b.c} and {@code a.b_c} are a_b_c). */
    private static String find(Set<String> names, String prometheusName) {
        for (String name : names) {
            if (name.replace('.', '_').equals(prometheusName)) {
                return name;
            }
        }
        return null;
    }

    private void loop() {
        long next = System.nanoTime();
        boolean warned = false;
        while (running) {
            long started = System.nanoTime();
            double total = 0;
            double held = 0;
            boolean complete = true;
            for (Meters m : meters) {
                try {
                    OptionalDouble value = m.inFlight() == null
                            ? PrometheusText.sum(
                                    ctx.http().getText(m.base() + "/actuator/prometheus", READ_TIMEOUT),
                                    PhaseContext.IN_FLIGHT)
                            : read(m.base(), m.inFlight(), m.inFlightStatistic());
                    if (value.isEmpty()) {
                        complete = false;
                    } else {
                        total += value.getAsDouble();
                    }
                    held += m.waiting() == null
                            ? Double.NaN
                            : read(m.base(), m.waiting(), "VALUE").orElse(Double.NaN);
                } catch (RuntimeException e) {
                    complete = false;
                    held = Double.NaN;
                    if (!warned) {
                        warned = true;
                        ctx.results().note(key + ": reading the workers' in-flight calls failed: " + e.getMessage());
                    }
                }
            }
            double took = (System.nanoTime() - started) / 1e6;
            int open = ProcFs.establishedConnections(ctx.stack().simulatorPort());
            synchronized (this) {
                if (complete) {
                    inFlight.add(total);
                }
                if (!Double.isNaN(held)) {
                    waiting.add(held);
                }
                connections.add((double) open);
                readMs.add(took);
            }
            next += EVERY_MS * 1_000_000;
            long wait = next - System.nanoTime();
            if (wait < 0) {
                next = System.nanoTime(); // a slow read: do not try to catch up
            } else {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private OptionalDouble read(String base, String meter, String statistic) {
        JsonNode json = ctx.http()
                .json(
                        Http.actuator(base + "/actuator/metrics/" + meter)
                                .timeout(READ_TIMEOUT)
                                .build(),
                        200);
        for (JsonNode measurement : json.path("measurements")) {
            if (statistic.equals(measurement.path("statistic").asString())) {
                return OptionalDouble.of(measurement.path("value").asDouble());
            }
        }
        return OptionalDouble.empty();
    }
}
