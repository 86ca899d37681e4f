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
 * gateway and the worker, the gateway's busy database connections, and where operations queue (the outbox, the
 * worker's input topic, the status topic the gateway consumes).
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
            add(
                    "mem.worker.heap_mb",
                    heapMb(ctx.http().getJson(ctx.stack().workerUrl(0) + metric("jvm.memory.used?tag=area:heap"))));
            add("mem.gateway.rss_mb", ProcFs.rssBytes(ctx.stack().gatewayPid()) / 1048576.0);
            add("mem.worker.rss_mb", ProcFs.rssBytes(ctx.stack().workerPid(0)) / 1048576.0);
            add("queue.db_connections_active", value(admin.get(metric("hikaricp.connections.active"))));
            add("queue.db_connections_pending", value(admin.get(metric("hikaricp.connections.pending"))));
            add("queue.outbox_unpublished", ctx.db().unpublishedOutbox());
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
            String unit = name.startsWith("mem.") ? "MiB" : name.contains("connections") ? "connections" : "records";
            ctx.results().add(phase + "." + name, unit, Stats.percentile(values, 50));
            ctx.results().add(phase + "." + name + ".max", unit, Stats.percentile(values, 100));
        });
        samples.clear();
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
