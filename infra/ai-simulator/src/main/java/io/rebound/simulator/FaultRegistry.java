package io.rebound.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The active fault rules, in insertion order. All access is synchronized because matching a rule and consuming one
 * of its {@code times} must be atomic: two concurrent requests must never both use a rule's last remaining time.
 */
final class FaultRegistry {

    /** A rule as stored: the posted fault with its id, {@code times} holding what is left. */
    record Rule(String id, Fault fault) {}

    private final List<Rule> rules = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    Rule add(Fault fault) {
        validate(fault);
        Rule rule = new Rule("fault-" + ids.incrementAndGet(), fault);
        synchronized (rules) {
            rules.add(rule);
        }
        return rule;
    }

    /** Finds the first rule matching the prompt and consumes one of its times, removing it when none are left. */
    Optional<Fault> consume(String prompt) {
        synchronized (rules) {
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                Fault fault = rule.fault();
                String needle = fault.whenPromptContains();
                if (needle != null && !prompt.contains(needle)) {
                    continue;
                }
                if (fault.times() != null) {
                    int left = fault.times() - 1;
                    if (left <= 0) {
                        rules.remove(i);
                    } else {
                        rules.set(i, new Rule(rule.id(), fault.withTimes(left)));
                    }
                }
                return Optional.of(fault);
            }
            return Optional.empty();
        }
    }

    List<Rule> list() {
        synchronized (rules) {
            return List.copyOf(rules);
        }
    }

    /** The substrings of the rules still active, so request counting can keep tracking them after a reset. */
    List<String> activeNeedles() {
        List<String> needles = new ArrayList<>();
        synchronized (rules) {
            for (Rule rule : rules) {
                if (rule.fault().whenPromptContains() != null) {
                    needles.add(rule.fault().whenPromptContains());
                }
            }
        }
        return needles;
    }

    void clear() {
        synchronized (rules) {
            rules.clear();
        }
    }

    private static void validate(Fault fault) {
        if (fault == null) {
            throw new IllegalArgumentException("A fault rule is required.");
        }
        if (fault.status() != null && (fault.status() < 100 || fault.status() > 599)) {
            throw new IllegalArgumentException("'status' must be an HTTP status between 100 and 599.");
        }
        if (fault.times() != null && fault.times() <= 0) {
            throw new IllegalArgumentException("'times' must be positive; omit it for an unlimited rule.");
        }
        if (fault.delayMs() != null && fault.delayMs() < 0) {
            throw new IllegalArgumentException("'delay_ms' must not be negative.");
        }
        if (fault.retryAfterSeconds() != null && fault.retryAfterSeconds() < 0) {
            throw new IllegalArgumentException("'retry_after_seconds' must not be negative.");
        }
        if (fault.retryAfterMs() != null && fault.retryAfterMs() < 0) {
            throw new IllegalArgumentException("'retry_after_ms' must not be negative.");
        }
    }
}
