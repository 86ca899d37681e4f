package io.rebound.bench.report;

import io.rebound.bench.load.Entry;
import io.rebound.bench.measure.Results;
import io.rebound.bench.stack.RetryMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The worker's retry mode each figure was measured in, as the phases recorded it, and the P3 settings measured. */
final class Modes {

    /** A P3 setting found in the results: its mode and concurrency, and its metric prefix. */
    record Hol(RetryMode mode, int concurrency) {
        String key() {
            return "p3." + mode.key() + ".c" + concurrency;
        }

        String label() {
            return mode.value() + ", concurrency " + concurrency;
        }
    }

    private static final Pattern HOL = Pattern.compile("p3\\.([a-z]+)\\.c(\\d+)\\.f0\\.p99_ms");

    private Modes() {}

    /**
     * The mode of a phase's figures ({@code mode.<phase>} in the results). A worker that exposed no in-flight limit
     * predates the non-blocking model and ran blocking whatever it was asked for; the label says so.
     */
    static String label(Results r, String phase) {
        String mode = r.context("mode." + phase);
        if (mode.isEmpty()) {
            return "—";
        }
        if (mode.equals(RetryMode.NON_BLOCKING.value()) && !supportsNonBlocking(r)) {
            return "blocking (non-blocking asked; this worker has no such mode)";
        }
        return mode;
    }

    /** False if a worker started in non-blocking mode exposed no {@code rebound_worker_in_flight_limit}. */
    static boolean supportsNonBlocking(Results r) {
        return !"absent".equals(r.context("worker_in_flight_limit." + RetryMode.NON_BLOCKING.key()));
    }

    /** True if the figures of the phase were measured in non-blocking mode by a worker that has it. */
    static boolean nonBlocking(Results r, String phase) {
        return r.context("mode." + phase).equals(RetryMode.NON_BLOCKING.value()) && supportsNonBlocking(r);
    }

    /** The P3 settings with results, blocking ones first, then by concurrency. */
    static List<Hol> holSettings(Results r) {
        List<Hol> settings = new ArrayList<>();
        for (String key : r.metrics().keySet()) {
            Matcher m = HOL.matcher(key);
            if (m.matches() && RetryMode.ofKey(m.group(1)) != null) {
                settings.add(new Hol(RetryMode.ofKey(m.group(1)), Integer.parseInt(m.group(2))));
            }
        }
        settings.sort((a, b) -> a.mode() != b.mode()
                ? a.mode().compareTo(b.mode())
                : Integer.compare(a.concurrency(), b.concurrency()));
        return settings;
    }

    /** One series of P7 figures: a retry mode under load entering one way. */
    record P7(Entry entry, RetryMode mode) {
        /** The prefix of its figures. */
        String key() {
            return entry.key(mode);
        }

        /** How the report names it: {@code non-blocking, services on Kafka}. */
        String label() {
            return mode + ", " + entry.label();
        }
    }

    /**
     * The P7 series with results, in the order of {@link RetryMode} (blocking, the baseline, first), each mode's load
     * from services on Kafka before users through the gateway.
     */
    static List<P7> p7Series(Results r) {
        List<P7> series = new ArrayList<>();
        for (RetryMode mode : RetryMode.values()) {
            for (Entry entry : Entry.values()) {
                String key = entry.key(mode);
                if (r.has(key + ".w1.ops_per_s") || r.has(key + ".w2.ops_per_s")) {
                    series.add(new P7(entry, mode));
                }
            }
        }
        return series;
    }
}
