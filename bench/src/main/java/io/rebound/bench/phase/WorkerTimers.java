package io.rebound.bench.phase;

import io.rebound.bench.load.LoadRun;
import tools.jackson.databind.JsonNode;

/**
 * Reads the workers' own timers over a measured window: how long the listener spent on each record
 * ({@code spring.kafka.listener}) and how long the AI call inside it took ({@code gen_ai.client.operation}, Spring AI's
 * observation). In blocking mode threads divided by the listener time is the throughput the workers could reach; the
 * difference to the AI latency is what Rebound adds per record. A timer a worker does not have is left out.
 */
final class WorkerTimers implements LoadRun.Monitor {

    private static final String LISTENER = "spring.kafka.listener";
    private static final String AI_CALL = "gen_ai.client.operation";

    private final PhaseContext ctx;
    private final String key;
    private final int workers;
    private final LoadRun.Monitor delegate;
    private double[] start;

    WorkerTimers(PhaseContext ctx, int workers, LoadRun.Monitor delegate) {
        this(ctx, "p6.w" + workers, workers, delegate);
    }

    /** Records {@code <key>.listener_ms} and {@code <key>.ai_call_ms}. */
    WorkerTimers(PhaseContext ctx, String key, int workers, LoadRun.Monitor delegate) {
        this.ctx = ctx;
        this.key = key;
        this.workers = workers;
        this.delegate = delegate;
    }

    @Override
    public void windowStarted() {
        delegate.windowStarted();
        start = read();
    }

    @Override
    public void sample() {
        delegate.sample();
    }

    @Override
    public void windowEnded() {
        delegate.windowEnded();
        double[] end = read();
        if (end[0] > start[0]) {
            ctx.results().add(key + ".listener_ms", "ms", (end[1] - start[1]) / (end[0] - start[0]) * 1000);
        }
        if (end[2] > start[2]) {
            ctx.results().add(key + ".ai_call_ms", "ms", (end[3] - start[3]) / (end[2] - start[2]) * 1000);
        }
    }

    /** Count and total seconds of the listener timer, then of the AI-call timer, summed over the workers. */
    private double[] read() {
        double[] totals = new double[4];
        for (int w = 0; w < workers; w++) {
            String base = ctx.stack().workerUrl(w) + "/actuator/metrics/";
            read(totals, 0, base + LISTENER);
            read(totals, 2, base + AI_CALL);
        }
        return totals;
    }

    private void read(double[] totals, int offset, String url) {
        try {
            add(totals, offset, ctx.http().getJson(url));
        } catch (RuntimeException e) {
            // the worker has no such timer (yet): nothing to add
        }
    }

    private static void add(double[] totals, int offset, JsonNode timer) {
        for (JsonNode measurement : timer.path("measurements")) {
            String statistic = measurement.path("statistic").asString();
            if (statistic.equals("COUNT")) {
                totals[offset] += measurement.path("value").asDouble();
            } else if (statistic.equals("TOTAL_TIME")) {
                totals[offset + 1] += measurement.path("value").asDouble();
            }
        }
    }
}
