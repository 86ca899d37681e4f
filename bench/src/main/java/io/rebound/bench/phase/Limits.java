package io.rebound.bench.phase;

import io.rebound.bench.stack.Stack;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The baselines every figure is compared with, measured on the same broker and database server in the same run: the
 * raw Kafka produce-to-consume round trip and the raw single-row insert+commit rate of PostgreSQL.
 */
public final class Limits {

    private static final Duration KAFKA_WARMUP = Duration.ofSeconds(2);
    private static final Duration KAFKA_MEASURE = Duration.ofSeconds(5);
    private static final Duration POSTGRES_MEASURE = Duration.ofSeconds(3);

    private Limits() {}

    public static void run(PhaseContext ctx) {
        ctx.kafka().createTopic(KafkaRoundTrip.TOPIC, KafkaRoundTrip.PARTITIONS);
        int window = ctx.config().users();
        for (int run = 1; run <= ctx.config().runs(); run++) {
            PhaseContext.log("Limits run " + run + ": Kafka round trip, " + window + " records in flight");
            KafkaRoundTrip.Run kafka =
                    KafkaRoundTrip.run(ctx.stack().kafkaBootstrap(), window, KAFKA_WARMUP, KAFKA_MEASURE);
            ctx.results().add("limits.kafka.records_per_s", "records/s", kafka.recordsPerSecond());
            ctx.results().add("limits.kafka.p50_ms", "ms", kafka.p50Ms());
            ctx.results().add("limits.kafka.p99_ms", "ms", kafka.p99Ms());
            PhaseContext.log(String.format(
                    "  Kafka: %.0f records/s, p50 %.2f ms, p99 %.2f ms",
                    kafka.recordsPerSecond(), kafka.p50Ms(), kafka.p99Ms()));
            for (int connections : new int[] {1, ctx.config().users()}) {
                PhaseContext.log("Limits run " + run + ": PostgreSQL insert+commit, " + connections + " connections");
                try {
                    PostgresCommits.prepare(ctx.db().connection());
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot prepare the commit baseline", e);
                }
                double rate = PostgresCommits.run(
                        ctx.stack().jdbcUrl(), Stack.DB_USER, Stack.DB_PASSWORD, connections, POSTGRES_MEASURE);
                ctx.results().add("limits.pg.commits_per_s.c" + connections, "commits/s", rate);
                PhaseContext.log(String.format("  PostgreSQL: %.0f commits/s", rate));
            }
        }
    }
}
