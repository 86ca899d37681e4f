package io.rebound.bench.phase;

import io.rebound.bench.load.LoadRun;
import io.rebound.bench.measure.PrometheusText;
import io.rebound.bench.measure.Stats;
import io.rebound.bench.stack.ProcFs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Samples, every {@value #EVERY_MS} ms of a measured window, the AI calls the workers have in flight (their
 * {@code rebound_worker_in_flight} gauges, summed; a worker without the gauge is read from Spring AI's long-task timer
 * of the calls running now, {@code gen_ai_client_operation_active_seconds_active_count}) and the TCP connections open
 * to the AI simulator (what is on the wire, whatever the gauges say). Records the median, p10 and max of the samples,
 * the workers' in-flight limit and, if the worker exposes it, {@code rebound_worker_waiting} (records it holds that
 * wait for a slot).
 */
final class InFlightSampler implements LoadRun.Monitor {

    static final long EVERY_MS = 200;
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);
    static final String ACTIVE_AI_CALLS = "gen_ai_client_operation_active_seconds_active_count";
    static final String WAITING = "rebound_worker_waiting";

    private final PhaseContext ctx;
    private final String key;
    private final int workers;
    private final LoadRun.Monitor delegate;
    private final List<Double> inFlight = new ArrayList<>();
    private final List<Double> connections = new ArrayList<>();
    private final List<Double> scrapeMs = new ArrayList<>();
    private final List<Double> waiting = new ArrayList<>();
    private String source;
    private double limit = Double.NaN;
    private volatile boolean running;
    private Thread thread;

    InFlightSampler(PhaseContext ctx, String key, int workers, LoadRun.Monitor delegate) {
        this.ctx = ctx;
        this.key = key;
        this.workers = workers;
        this.delegate = delegate;
    }

    @Override
    public void windowStarted() {
        delegate.windowStarted();
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
            if (source != null) {
                ctx.results().context("in_flight_source." + key, source);
            }
            ctx.results().add(key + ".simulator_connections_p50", "connections", Stats.percentile(connections, 50));
            ctx.results().add(key + ".simulator_connections_max", "connections", Stats.percentile(connections, 100));
            ctx.results().add(key + ".scrape_ms_p50", "ms", Stats.percentile(scrapeMs, 50));
            inFlight.clear();
            connections.clear();
            scrapeMs.clear();
            waiting.clear();
        }
    }

    private void loop() {
        long next = System.nanoTime();
        boolean warned = false;
        while (running) {
            long started = System.nanoTime();
            double total = 0;
            double limits = 0;
            double held = 0;
            boolean complete = true;
            String from = null;
            for (int w = 0; w < workers; w++) {
                try {
                    String text = ctx.http().getText(ctx.stack().workerUrl(w) + "/actuator/prometheus", SCRAPE_TIMEOUT);
                    OptionalDouble value = PrometheusText.sum(text, PhaseContext.IN_FLIGHT);
                    String name = PhaseContext.IN_FLIGHT;
                    if (value.isEmpty()) {
                        value = PrometheusText.sum(text, ACTIVE_AI_CALLS);
                        name = ACTIVE_AI_CALLS;
                    }
                    if (value.isEmpty()) {
                        complete = false;
                    } else {
                        total += value.getAsDouble();
                        from = from == null || from.equals(name) ? name : from + " + " + name;
                    }
                    limits += PrometheusText.sum(text, PhaseContext.IN_FLIGHT_LIMIT)
                            .orElse(Double.NaN);
                    held += PrometheusText.sum(text, WAITING).orElse(Double.NaN);
                } catch (RuntimeException e) {
                    complete = false;
                    if (!warned) {
                        warned = true;
                        ctx.results().note(key + ": a scrape of the worker's gauges failed: " + e.getMessage());
                    }
                }
            }
            int open = ProcFs.establishedConnections(ctx.stack().simulatorPort());
            synchronized (this) {
                if (complete) {
                    inFlight.add(total);
                    source = from;
                }
                if (!Double.isNaN(held)) {
                    waiting.add(held);
                }
                if (!Double.isNaN(limits)) {
                    limit = limits;
                }
                connections.add((double) open);
                scrapeMs.add((System.nanoTime() - started) / 1e6);
            }
            next += EVERY_MS * 1_000_000;
            long wait = next - System.nanoTime();
            if (wait < 0) {
                next = System.nanoTime(); // a slow scrape: do not try to catch up
            } else {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
