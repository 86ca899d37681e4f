package io.rebound.bench.chaos;

import java.util.List;
import java.util.Map;

/**
 * What one scenario did and found: its counts (attempted, completed, failed, lost, completed twice, ...), facts such
 * as how long operations took, a timeline of the faults, and the checks that decide its verdict.
 */
record Outcome(
        String name,
        String title,
        String fault,
        Map<String, Long> counts,
        Map<String, String> facts,
        List<String> timeline,
        List<Check> checks) {

    record Check(String what, boolean passed, String detail) {}

    boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}
