package io.rebound.bench.phase;

import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.load.LoadRun;
import io.rebound.bench.measure.CpuMeter;
import io.rebound.bench.measure.PostgresWaits;
import io.rebound.bench.measure.Stats;
import io.rebound.bench.stack.ProcFs;
import io.rebound.bench.stack.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Watches the stack during a measured window: CPU per process over the window, and every 3 s the heap and RSS of the
 * gateway and every worker, the gateway's busy database connections, and where operations queue (the outbox, the
 * worker's input topic, the status topic the gateway consumes, open operations by status).
 */
final class StackMonitor implements LoadRun.Monitor {

    private final PhaseContext ctx;
    private final String phase;
    private final boolean detailed;
    private final GatewayUser admin;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private CpuMeter cpu;
    private PostgresWaits waits;

    /** {@code detailed}: also sample memory, connections and queues (costs a few requests every 3 s). */
    StackMonitor(PhaseContext ctx, String phase, boolean detailed, GatewayUser admin) {
        this.ctx = ctx;
        this.phase = phase;
        this.detailed = detailed;
        this.admin = admin;
    }

    @Override
    public void windowStarted() {
        cpu = CpuMeter.start(ctx.stack().processes());
        if (detailed) {
            waits = new PostgresWaits(ctx.stack().jdbcUrl(), Stack.DB_USER, Stack.DB_PASSWORD);
        }
    }

    @Override
    public void sample() {
        if (!detailed) {
            return;
        }
        try {
            add("mem.gateway.heap_mb", heapMb(admin.get(metric("jvm.memory.used?tag=area:heap"))));
            add("mem.gateway.rss_mb", ProcFs.rssBytes(ctx.stack().gatewayPid()) / 1048576.0);
            for (int w = 0; w < ctx.stack().workerCount(); w++) {
                String name = "mem." + workerName(w);
                add(
                        name + ".heap_mb",
                        heapMb(ctx.http().getJson(ctx.stack().workerUrl(w) + metric("jvm.memory.used?tag=area:heap"))));
                add(name + ".rss_mb", ProcFs.rssBytes(ctx.stack().workerPid(w)) / 1048576.0);
            }
            add("queue.db_connections_active", value(admin.get(metric("hikaricp.connections.active"))));
            add("queue.db_connections_pending", value(admin.get(metric("hikaricp.connections.pending"))));
            add("queue.outbox_unpublished", ctx.db().unpublishedOutbox());
            long[] open = ctx.db().openByStatus();
            add("queue.ops_pending", open[0]);
            add("queue.ops_processing", open[1]);
            add("queue.worker_lag", ctx.kafka().lag(PhaseContext.WORKER_GROUP, "operations.requested"));
            add("queue.gateway_status_lag", ctx.kafka().lag("rebound-gateway", "operations.status"));
        } catch (RuntimeException e) {
            ctx.results().note(phase + ": a resource sample failed: " + e.getMessage());
        }
    }

    @Override
    public void windowEnded() {
        ctx.results().cpu(phase, cpu.stop());
        if (waits != null) {
            ctx.results().postgresWaits(phase, waits.stop());
        }
        samples.forEach((name, values) -> {
            String unit = name.startsWith("mem.")
                    ? "MiB"
                    : name.contains("connections") ? "connections" : name.contains("ops_") ? "operations" : "records";
            ctx.results().add(phase + "." + name, unit, Stats.percentile(values, 50));
            ctx.results().add(phase + "." + name + ".max", unit, Stats.percentile(values, 100));
        });
        samples.clear();
    }

    /** {@code worker} for the first worker (the key P1 has always used), {@code worker2} for the second, ... */
    static String workerName(int index) {
        return index == 0 ? "worker" : "worker" + (index + 1);
    }

    private void add(String name, double value) {
        samples.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    private static String metric(String query) {
        return "/actuator/metrics/" + query;
    }

    private static double heapMb(JsonNode metric) {
        return value(metric) / 1048576.0;
    }

    private static double value(JsonNode metric) {
        for (JsonNode measurement : metric.path("measurements")) {
            if ("VALUE".equals(measurement.path("statistic").asString())) {
                return measurement.path("value").asDouble();
            }
        }
        return Double.NaN;
    }
}
