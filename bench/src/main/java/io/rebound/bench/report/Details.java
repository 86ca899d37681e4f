package io.rebound.bench.report;

import io.rebound.bench.measure.CpuMeter;
import io.rebound.bench.measure.Results;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The per-phase sections of the report: every run's value of every metric, the charts, and what each one means. */
final class Details {

    private final Results r;
    private final int users;
    private final Charts charts;
    private final StringBuilder md;

    Details(Results results, int users, Charts charts, StringBuilder md) {
        this.r = results;
        this.users = users;
        this.charts = charts;
        this.md = md;
    }

    void write() {
        line("## Details");
        line("");
        if (r.has("limits.kafka.p99_ms") || r.has("limits.pg.commits_per_s.c1")) {
            limits();
        }
        if (r.has("p1.ops_per_s") || r.has("p2.ops_per_s")) {
            throughput();
            resources();
        } else {
            line("### CPU");
            line("");
            cpuTable();
        }
        if (r.has("p4.p99_ms") || r.has("p5.p99_ms")) {
            latencies();
        }
        headOfLine();
        if (r.has("p6.w1.ops_per_s")) {
            scale();
        }
        slowModel();
        fairness();
    }

    private void limits() {
        line("### Limits (baselines)");
        line("");
        table(List.of(
                "limits.kafka.records_per_s",
                "limits.kafka.p50_ms",
                "limits.kafka.p99_ms",
                "limits.pg.commits_per_s.c1",
                "limits.pg.commits_per_s.c" + users));
        line("The Kafka baseline produces 1 KB JSON records with Rebound's producer settings (acks=all, idempotent,"
                + " linger 0) to a 12-partition topic on the same broker and consumes them in the same JVM, at most "
                + users + " in flight (a closed loop like the virtual users). The PostgreSQL baseline inserts one row"
                + " per transaction (autocommit) over plain JDBC into a table of its own schema on the same server,"
                + " from 1 and from " + users + " connections. Server settings: fsync=" + r.context("postgres fsync")
                + ", synchronous_commit=" + r.context("postgres synchronous_commit") + ", shared_buffers="
                + r.context("postgres shared_buffers") + ", version " + r.context("postgres server_version") + ".");
        line("");
    }

    private void throughput() {
        line("### P1 throughput and P2 overhead");
        line("");
        image(charts.throughput(), "P1 throughput");
        image(charts.warmup(), "P1 warm-up");
        table(List.of(
                "p1.ops_per_s",
                "p1.client_p50_ms",
                "p1.client_p99_ms",
                "p1.db_p50_ms",
                "p1.db_p99_ms",
                "p1.stage.to_worker_p50_ms",
                "p1.stage.attempt_p50_ms",
                "p1.stage.back_p50_ms",
                "p1.profiled_ops_per_s",
                "p2.target_ops_per_s",
                "p2.ops_per_s",
                "p2.overhead_p50_ms",
                "p2.overhead_p99_ms",
                "p2.stage.to_worker_p50_ms",
                "p2.stage.attempt_p50_ms",
                "p2.stage.back_p50_ms",
                "p2.stage.to_worker_p99_ms",
                "p2.stage.attempt_p99_ms",
                "p2.stage.back_p99_ms"));
        line("`client` latencies are what a virtual user saw (POST sent → `completed` on its event stream), `db`"
                + " ones are `finished_at − created_at`. The stages split each completed operation by the timestamps of"
                + " its last attempt (`operation_attempts.started_at`/`ended_at`, stamped by the worker). P1 starts"
                + " after " + r.context("jit_warmup_s") + " s of unmeasured load so the JIT has compiled the hot paths"
                + " (the warm-up chart). `p1.profiled_ops_per_s` is the last phase of the bench, one more P1 window"
                + " with JDK Flight Recorder attached for the CPU profiles, not counted: it shows what the recorder"
                + " costs. P2 paces the same users to half of P1's median rate.");
        line("");
    }

    private void resources() {
        line("### Resources at P1 load");
        line("");
        table(List.of(
                "p1.mem.gateway.heap_mb",
                "p1.mem.gateway.heap_mb.max",
                "p1.mem.gateway.rss_mb",
                "p1.mem.worker.heap_mb",
                "p1.mem.worker.heap_mb.max",
                "p1.mem.worker.rss_mb",
                "p1.queue.db_connections_active",
                "p1.queue.db_connections_pending",
                "p1.queue.outbox_unpublished",
                "p1.queue.worker_lag",
                "p1.queue.gateway_status_lag",
                "p1.queue.gateway_status_lag.max"));
        line("Heap is `jvm.memory.used{area=heap}` from each service's actuator, RSS is `VmRSS` of"
                + " `/proc/<pid>/status`, both sampled every 3 s during the measured windows (median of the samples"
                + " per run; `.max` the largest sample).");
        line("");
        cpuTable();
    }

    private void latencies() {
        line("### Latencies: P4, P5 (and P2)");
        line("");
        image(charts.latency(), "Latencies");
        table(List.of(
                "p4.failures",
                "p4.p50_ms",
                "p4.p99_ms",
                "p4.stage.dead_letter_to_db_p50_ms",
                "p4.stage.dead_letter_to_db_p99_ms",
                "p4.stage.db_to_sse_p50_ms",
                "p4.stage.db_to_sse_p99_ms",
                "p5.retries",
                "p5.p50_ms",
                "p5.p99_ms"));
        line("P4 uses a permanent failure (HTTP 400 for the prompts of the P4 sessions), so the first attempt is the"
                + " last and the path measured is dead-letter publish → gateway dead-letter consumer → database → SSE;"
                + " the clock starts at the simulator's arrival timestamp of that attempt (it answers at once) and"
                + " stops when the stream delivers `failed`. P5 retries each of those operations once, after the"
                + " fault is removed, and stops the clock at the new operation's first status after `pending` on the"
                + " stream (`processing`, or `completed` if both arrived in one change). Four users run each in"
                + " parallel, one operation at a time.");
        line("");
    }

    private void headOfLine() {
        List<Modes.Hol> settings = Modes.holSettings(r);
        if (settings.isEmpty()) {
            return;
        }
        line("### P3 head-of-line blocking");
        line("");
        image(charts.headOfLine(), "Head-of-line blocking");
        List<String> keys = new ArrayList<>();
        for (Modes.Hol hol : settings) {
            for (int f : new int[] {0, 10}) {
                for (String m : new String[] {
                    "rate", "healthy", "marked_retried_once", "retry_topic_records", "p50_ms", "p95_ms", "p99_ms"
                }) {
                    keys.add(hol.key() + ".f" + f + "." + m);
                }
            }
            keys.add(hol.key() + ".p99_ratio");
        }
        table(keys);
        line(
                "Keys are `p3.<mode>.c<concurrency>.f<percent failing>`. How the faults are aimed: every tenth operation (a"
                        + " global count, so exactly 10 % of operations) goes to"
                        + " a second session of its user whose role carries a marker of its own, and just before asking the"
                        + " user posts `{\"status\":503,\"times\":1,\"when_prompt_contains\":\"<marker>\"}`. So that operation's"
                        + " first attempt fails and its retry after the 1 s back-off succeeds (`marked_retried_once` checks"
                        + " it). A rule per operation is needed because a retry sends the same prompt as the first attempt, so"
                        + " no standing rule can fail only first attempts; and marking 10 % of *sessions* instead would give"
                        + " fewer than 10 % of operations, since marked users are slower in a closed loop. Load is paced at"
                        + " the same rate in the runs with and without faults, so healthy operations see the same arrivals;"
                        + " each setting (`BENCH_P3_SETTINGS`) runs after a worker restart with that `REBOUND_RETRY_MODE` and"
                        + " `REBOUND_WORKER_CONCURRENCY` and the same 12 partitions. `retry_topic_records` is what was written"
                        + " to `operations.requested-retry` during the run (the mode at work: 0 in blocking mode, about one"
                        + " per failing operation in non-blocking mode; −1 if the topic does not exist).");
        line("");
    }

    private void scale() {
        line("### P6 scaling");
        line("");
        image(charts.scale(), "Scaling");
        table(List.of(
                "p6.w1.ops_per_s",
                "p6.w1.capacity",
                "p6.w1.ideal_ops_per_s",
                "p6.w1.of_ideal",
                "p6.w1.listener_ms",
                "p6.w1.ai_call_ms",
                "p6.w2.ops_per_s",
                "p6.w2.capacity",
                "p6.w2.ideal_ops_per_s",
                "p6.w2.of_ideal",
                "p6.w2.listener_ms",
                "p6.w2.ai_call_ms",
                "p6.scaling"));
        line("Worker mode: " + Modes.label(r, "p6") + ". Ideal = min(users, AI calls the workers run at once) / 0.5 s;"
                + " the calls at once (`capacity`) are the consumer threads (3 per worker) in blocking mode and the"
                + " in-flight limit in non-blocking mode. The second worker is a second `ai-worker` jar"
                + " on the next port in the same consumer group; measuring starts once the group is stable with"
                + " every partition assigned. The runs of each setting are consecutive windows of one load session"
                + " (the users never stop), so the pipeline is filled once. `listener_ms` and `ai_call_ms` are the workers' own timers"
                + " (`spring.kafka.listener`, `gen_ai.client.operation`) over the measured window.");
        line("");
    }

    private void slowModel() {
        List<Modes.P7> all = Modes.p7Series(r);
        if (all.isEmpty()) {
            return;
        }
        line("### P7 slow model: AI calls in flight");
        line("");
        image(charts.inFlight(), "P7 calls in flight");
        image(charts.slowThroughput(), "P7 throughput");
        List<String> keys = new ArrayList<>();
        for (Modes.P7 series : all) {
            for (int workers = 1; workers <= 2; workers++) {
                String key = series.key() + ".w" + workers;
                for (String m : new String[] {
                    "users",
                    "capacity",
                    "in_flight_p50",
                    "in_flight_p10",
                    "in_flight_max",
                    "in_flight_samples",
                    "in_flight_limit",
                    "waiting_p50",
                    "ops_per_s",
                    "ideal_ops_per_s",
                    "little_ratio",
                    "client_p50_ms",
                    "client_p99_ms",
                    "ai_call_ms",
                    "simulator_connections_p50",
                    "simulator_connections_max",
                    "read_ms_p50",
                    "queue.ops_pending",
                    "queue.ops_processing",
                    "queue.worker_lag",
                    "queue.outbox_unpublished",
                    "queue.db_connections_active",
                    "mem.worker.heap_mb",
                    "mem.worker.heap_mb.max",
                    "mem.worker.rss_mb",
                    "mem.worker.rss_mb.max",
                    "mem.worker2.heap_mb",
                    "mem.worker2.heap_mb.max",
                    "mem.worker2.rss_mb",
                    "mem.worker2.rss_mb.max",
                    "mem.gateway.heap_mb",
                    "mem.gateway.rss_mb"
                }) {
                    keys.add(key + "." + m);
                }
            }
            keys.add(series.key() + ".scaling");
        }
        table(keys);
        List<String> sources = new ArrayList<>();
        r.context().forEach((name, value) -> {
            if (name.startsWith("in_flight_source.p7.")) {
                sources.add("`" + name.substring("in_flight_source.".length()) + "`: `" + value + "`");
            }
        });
        line("Keys are `p7.<mode>.w<workers>` for users through the gateway and `p7.kafka.<mode>.w<workers>` for"
                + " services that write `OperationRequested` onto `operations.requested` themselves and read the"
                + " outcome from `operations.status` (no gateway request on the path; their throughput is the"
                + " `completed` events they read in the window, the gateway's from its database). Every AI call waits "
                + r.context("p7_ai_latency_ms") + " ms (the"
                + " simulator's fault rule `{\"delay_ms\":" + r.context("p7_ai_latency_ms") + "}` for every"
                + " completion). Each setting gets " + r.context("p7_warmup_s")
                + " s of unmeasured load (twice that when"
                + " it starts a worker process, whose JIT compiles under the load), then "
                + r.context("runs") + " measured windows of " + r.context("p7_measure_s") + " s back to back (the"
                + " users never stop). Users: " + r.context("p7_users") + " with one non-blocking worker, "
                + r.context("p7_users_2w") + " with two (`BENCH_P7_USERS`, `BENCH_P7_USERS_2W`), "
                + r.context("p7_blocking_users") + " per worker in blocking mode (`BENCH_P7_BLOCKING_USERS`: enough"
                + " for its threads; with hundreds a user would wait minutes for its turn). Each user has its own"
                + " session and event stream; up to 50 users share a sign-in (a sign-in is a BCrypt check, about 90"
                + " ms of gateway CPU). `in_flight_*` are the workers' `rebound_worker_in_flight` gauges summed,"
                + " read every 200 ms one meter at a time from `/actuator/metrics` (a whole Prometheus scrape that"
                + " often costs the worker more than it measures); a worker without the gauge (the blocking mode) is"
                + " read from Spring AI's long-task timer of running calls, `gen_ai.client.operation.active`"
                + " (`read_ms_p50` is what reading all workers took); `capacity` is what the workers may run at once (`rebound_worker_in_flight_limit`"
                + " in non-blocking mode, the consumer threads in blocking mode); `little_ratio` is ops/s × latency /"
                + " in flight, 1.0 when every call in flight completes after the latency (Little's law);"
                + " `waiting_p50` is the worker's `rebound_worker_waiting` (records held but not started), if it has"
                + " one; `simulator_connections_*` are TCP connections established to the simulator's port"
                + " (`/proc/net/tcp`), what the workers' HTTP clients hold open; `queue.*` and `mem.*` are sampled"
                + " every 3 s as in P1 (`ops_pending`/`ops_processing`: open operations in the database by status)."
                + (sources.isEmpty() ? "" : " In-flight source per setting: " + String.join(", ", sources) + "."));
        line("");
    }

    private void fairness() {
        if (!r.has("fair.flood.others_p99_ms")) {
            return;
        }
        line("### Fairness: one user flooding");
        line("");
        image(charts.fairness(), "Fairness");
        List<String> keys = new ArrayList<>();
        for (String k : new String[] {"alone", "flood"}) {
            for (String m : new String[] {
                "outstanding",
                "others",
                "others_p50_ms",
                "others_p99_ms",
                "others_client_p99_ms",
                "ops_per_s",
                "in_flight_p50",
                "in_flight_limit",
                "waiting_p50"
            }) {
                keys.add("fair." + k + "." + m);
            }
        }
        keys.add("fair.p50_ratio");
        keys.add("fair.p99_ratio");
        table(keys);
        line("Worker mode: " + Modes.label(r, "fair") + ", one worker, AI " + r.context("p7_ai_latency_ms")
                + " ms per call (the simulator's delay rule, as in P7). `alone`: " + r.context("fair_users")
                + " users (accounts of their own, `bench-fair-NN@example.com`, so each is its own `requested_by`)"
                + " each ask one question at a time, closed loop. `flood`: the same, while"
                + " `bench-flood@example.com` keeps " + r.context("fair_flood") + " operations outstanding (all sent"
                + " at once, each replaced as soon as it finishes, over a few sessions). Each gets "
                + r.context("fair_warmup_s") + " s of unmeasured load, then " + r.context("runs") + " windows of "
                + r.context("fair_measure_s") + " s. The others' latencies are `finished_at − created_at` (`client`:"
                + " as the user saw it on the stream); `ops_per_s` counts every completion, the flood's too."
                + " The worker's policy is round-robin across `requested_by` users over the records it holds, FIFO"
                + " within a partition.");
        line("");
    }

    private void cpuTable() {
        Map<String, String> phases = charts.cpuPhases();
        if (phases.isEmpty()) {
            return;
        }
        Set<String> processes = new LinkedHashSet<>();
        phases.keySet().forEach(phase -> processes.addAll(r.cpuMedian(phase).keySet()));
        // The others and the machine's total last, after every process.
        processes.remove(CpuMeter.OTHER);
        processes.remove(CpuMeter.MACHINE);
        processes.add(CpuMeter.OTHER);
        processes.add(CpuMeter.MACHINE);
        line("CPU in cores (median of runs) during each measured window:");
        line("");
        StringBuilder header = new StringBuilder("| phase |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String process : processes) {
            header.append(' ').append(process).append(" |");
            rule.append("---|");
        }
        line(header.toString());
        line(rule.toString());
        for (Map.Entry<String, String> phase : phases.entrySet()) {
            Map<String, Double> cores = r.cpuMedian(phase.getKey());
            StringBuilder row = new StringBuilder("| " + phase.getValue() + " |");
            for (String process : processes) {
                Double value = cores.get(process);
                row.append(' ').append(value == null ? "" : Format.num(value)).append(" |");
            }
            line(row.toString());
        }
        line("");
        line("`" + CpuMeter.OTHER + "` is the machine's busy time minus the bench's processes: anything else running.");
        line("");
    }

    private void table(List<String> keys) {
        line("| metric | unit | median | runs |");
        line("|---|---|---|---|");
        Map<String, Results.Metric> metrics = r.metrics();
        for (String key : keys) {
            Results.Metric metric = metrics.get(key);
            if (metric != null) {
                line("| `" + key + "` | " + metric.unit() + " | " + Format.num(metric.median()) + " | "
                        + Format.runs(metric.runs()) + " |");
            }
        }
        line("");
    }

    void image(String file, String alt) {
        if (file != null) {
            line("![" + alt + "](bench/" + file + ")");
            line("");
        }
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
