package io.rebound.bench.stack;

import java.util.List;
import java.util.Map;

/**
 * The environment of a started process: the bench's own, minus every address of a stack it might have been started
 * from (so nothing leaks in from {@code make run}), plus what the bench sets. {@code REBOUND_*} tuning variables pass
 * through on purpose: they are how to benchmark another configuration.
 */
final class Environment {

    private static final List<String> CLEARED_PREFIXES =
            List.of("SERVER_", "WORKER_", "SPRING_", "KAFKA_", "AI_", "POSTGRES_", "JAVA_TOOL_OPTIONS", "JDK_JAVA");

    private Environment() {}

    static void apply(Map<String, String> target, Map<String, String> values) {
        target.keySet().removeIf(name -> CLEARED_PREFIXES.stream().anyMatch(name::startsWith));
        target.remove("REBOUND_WORKER_CONCURRENCY");
        target.remove("REBOUND_DATA_DIR");
        target.putAll(values);
    }
}
