package io.rebound.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.bench.BenchConfig;
import io.rebound.bench.measure.CpuMeter;
import io.rebound.bench.measure.Results;
import io.rebound.bench.stack.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a report from made-up results: every figure names its worker mode, the new phases have their rows. */
class ReportTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void everyFigureStatesItsWorkerMode() throws Exception {
        Results r = results("256");

        String md = render(r);

        assertThat(md).contains("| | Figure | Worker mode | Rebound |");
        String summary = md.substring(md.indexOf("## Summary"), md.indexOf("## Where"));
        for (String line : summary.split("\n")) {
            if (line.startsWith("| P") || line.startsWith("| Fair") || line.startsWith("| Mem")) {
                String mode = line.split("\\|")[3].trim();
                assertThat(mode).as(line).isIn("blocking", "non-blocking");
            }
        }
        assertThat(md)
                .contains("| P7 | AI calls in flight, 1 worker, AI 2 s, 400 closed-loop users through the gateway")
                .contains("| non-blocking | 230 (p10 220) | limit 256 calls at a time | 0.90× | ≥ 200 | met |")
                .contains("| P7 | AI calls in flight, 1 worker, AI 2 s, 400 closed-loop services on Kafka")
                .contains("| non-blocking | 250 (p10 240) | limit 256 calls at a time | 0.98× | ≥ 200 | met |")
                .contains("Scaling from 1 to 2 workers (400 → 800 users through the gateway)")
                .contains("Scaling from 1 to 2 workers (400 → 800 services on Kafka)")
                .contains("**P7 slow model (AI 2 s), non-blocking, users through the gateway:")
                .contains("**P7 slow model (AI 2 s), non-blocking, services on Kafka:")
                .contains("**P7 slow model (AI 2 s), blocking, services on Kafka:")
                .contains("**P7 slow model (AI 2 s), blocking, users through the gateway:")
                .contains("**P3 head-of-line")
                .contains("round-robin across their `requested_by` users")
                .contains("**Fairness (non-blocking worker)")
                .contains("**P1 throughput (non-blocking worker)")
                .contains("per-user limits on AI work are set to `REBOUND_USER_MAX_OPEN_OPERATIONS=10000`,"
                        + " `REBOUND_USER_MAX_OPERATIONS_PER_MINUTE=100000`");
        assertThat(dir.resolve("bench/p7-in-flight.png")).exists();
        assertThat(dir.resolve("bench/fairness.png")).exists();
    }

    @Test
    void aWorkerWithoutTheNonBlockingModeIsNotReportedAsNonBlocking() throws Exception {
        Results r = results("absent");

        String md = render(r);

        assertThat(md).contains("blocking (non-blocking asked; this worker has no such mode)");
        assertThat(md).contains("**The worker under test has no non-blocking mode**");
    }

    private String render(Results r) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BENCH_GATEWAY_JAR", "g.jar");
        env.put("BENCH_WORKER_JAR", "w.jar");
        env.put("BENCH_SIMULATOR_JAR", "s.jar");
        env.put("BENCH_STACK_CP", "cp");
        env.put("BENCH_DATA_DIR", dir.toString());
        env.put("BENCH_OUTPUT_DIR", dir.toString());
        Report.write(r, BenchConfig.fromEnv(env));
        return Files.readString(dir.resolve("BENCHMARKS.md"));
    }

    private static Results results(String nonBlockingLimit) {
        Results r = new Results();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("date", "today");
        context.put("nproc", 2);
        context.put("cpu", "test CPU");
        context.put("memory_gib", "8.0");
        context.put("java", "Java 17");
        context.put("duration_s", 1380);
        context.put("runs", 3);
        context.put("warmup_s", 4);
        context.put("measure_s", 15);
        context.put("jit_warmup_s", 210);
        context.put("users", 24);
        context.put("p6_users", 96);
        context.put("service_java_opts", "-Xmx512m");
        context.put("simulator_java_opts", "-Xmx512m");
        context.put("service_tuning", "");
        context.put("user_limits", Stack.USER_LIMITS.describe());
        context.put("retry_mode", "non-blocking");
        context.put("p6_retry_mode", "blocking");
        context.put("p7_users", 400);
        context.put("p7_users_2w", 800);
        context.put("p7_blocking_users", 18);
        context.put("p7_warmup_s", 20);
        context.put("p7_measure_s", 10);
        context.put("p7_ai_latency_ms", 2000);
        context.put("fair_flood", 300);
        context.put("fair_users", 10);
        context.put("fair_warmup_s", 10);
        context.put("fair_measure_s", 10);
        context.put("worker_in_flight_limit.nonblocking", nonBlockingLimit);
        context.put("worker_in_flight_limit.blocking", "absent");
        for (String phase : new String[] {
            "p1", "p2", "p4", "p5", "profile", "p3.nonblocking.c3", "p7.nonblocking", "p7.kafka.nonblocking"
        }) {
            context.put("mode." + phase, "non-blocking");
        }
        context.put("mode.fair", "non-blocking");
        for (String phase : new String[] {"p6", "p3.blocking.c3", "p7.blocking", "p7.kafka.blocking"}) {
            context.put("mode." + phase, "blocking");
        }
        context.forEach(r::context);
        add(r, "p1.ops_per_s", 240);
        add(r, "limits.pg.commits_per_s.c24", 30000);
        add(r, "limits.kafka.p99_ms", 4);
        add(r, "p2.overhead_p99_ms", 30);
        add(r, "p1.mem.worker.heap_mb", 100);
        add(r, "p1.mem.worker.rss_mb", 400);
        for (String mode : new String[] {"blocking", "nonblocking"}) {
            String key = "p3." + mode + ".c3";
            add(r, key + ".f0.rate", 6);
            add(r, key + ".f0.p99_ms", 300);
            add(r, key + ".f10.p99_ms", mode.equals("blocking") ? 2400 : 320);
            add(r, key + ".f10.retry_topic_records", mode.equals("blocking") ? 0 : 9);
            add(r, key + ".p99_ratio", mode.equals("blocking") ? 8 : 1.07);
        }
        p7(r, "p7.nonblocking", 256, 230, 400, 800);
        p7(r, "p7.blocking", 3, 3, 18, 36);
        p7(r, "p7.kafka.nonblocking", 256, 250, 400, 800);
        p7(r, "p7.kafka.blocking", 3, 3, 18, 36);
        add(r, "fair.alone.others_p50_ms", 2050);
        add(r, "fair.alone.others_p99_ms", 2200);
        add(r, "fair.flood.others_p50_ms", 2100);
        add(r, "fair.flood.others_p99_ms", 2600);
        add(r, "fair.flood.in_flight_p50", 256);
        add(r, "fair.flood.in_flight_limit", 256);
        add(r, "fair.flood.ops_per_s", 125);
        add(r, "fair.flood.outstanding", 310);
        add(r, "fair.p50_ratio", 1.02);
        add(r, "fair.p99_ratio", 1.18);
        return r;
    }

    private static void p7(Results r, String base, int capacity, double inFlight, int users, int users2) {
        for (int w = 1; w <= 2; w++) {
            String key = base + ".w" + w;
            add(r, key + ".users", w == 1 ? users : users2);
            add(r, key + ".capacity", capacity * w);
            add(r, key + ".in_flight_p50", inFlight * w);
            add(r, key + ".in_flight_p10", (inFlight - 10) * w);
            add(r, key + ".ops_per_s", inFlight * w / 2 * 0.97);
            add(r, key + ".ideal_ops_per_s", Math.min(users, capacity) * w / 2.0);
            add(r, key + ".little_ratio", 0.97);
            add(r, key + ".queue.ops_pending", 20);
            add(r, key + ".queue.worker_lag", 5);
            add(r, key + ".mem.worker.heap_mb", 150);
            add(r, key + ".mem.worker.heap_mb.max", 180);
            add(r, key + ".mem.worker.rss_mb", 450);
            add(r, key + ".mem.worker.rss_mb.max", 460);
            Map<String, Double> cpu = new LinkedHashMap<>();
            cpu.put("api-gateway", 0.5);
            cpu.put("ai-worker-1", 0.2);
            cpu.put(CpuMeter.OTHER, 0.0);
            cpu.put(CpuMeter.MACHINE, 1.0);
            r.cpu(key, cpu);
        }
        add(r, base + ".scaling", 1.9);
    }

    private static void add(Results r, String key, double value) {
        r.add(key, key.endsWith("_ms") ? "ms" : "x", value);
    }
}
