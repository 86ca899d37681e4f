package io.rebound.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Closed-loop virtual users: each one starts an operation, waits for its end, and starts the next, optionally paced to
 * a target rate. Load runs for a warm-up, then a measured window, then each user finishes the operation it has open.
 */
public final class LoadRun {

    /** One operation of one user. */
    @FunctionalInterface
    public interface Iteration {
        OperationSample run(int user);
    }

    /** The measured window, on the wall clock (for the database's timestamps) and the monotonic clock. */
    public record Window(Instant from, Instant to, long fromNanos, long toNanos) {
        public double seconds() {
            return (toNanos - fromNanos) / 1e9;
        }

        public boolean contains(long nanos) {
            return nanos >= fromNanos && nanos < toNanos;
        }
    }

    /** Told when the measured window starts and ends, and every 3 s inside it (resource sampling). */
    public interface Monitor {
        default void windowStarted() {}

        default void sample() {}

        default void windowEnded() {}
    }

    /** What a run produced; {@code errors} counts iterations that threw (and were retried after a pause). */
    public record Result(Window window, List<OperationSample> samples, int errors) {
        public List<OperationSample> startedInWindow() {
            return samples.stream().filter(s -> window.contains(s.startNanos())).toList();
        }
    }

    /** A monitor that does nothing. */
    public static final Monitor NO_MONITOR = new Monitor() {};

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(3);
    /**
     * Above this many users, user {@code u} starts {@code u} x {@link #RAMP_STEP} after the first (800 users: 4 s of
     * the warm-up), so that their first requests do not all hit the gateway's accept queue (100) in the same instant.
     */
    static final int RAMP_ABOVE = 100;

    static final Duration RAMP_STEP = Duration.ofMillis(5);
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(120);

    private LoadRun() {}

    /** Runs the load; {@code pacer} may be null (unpaced closed loop). */
    public static Result run(
            int users, Duration warmup, Duration measure, Pacer pacer, Iteration iteration, Monitor monitor) {
        return runWindows(users, warmup, measure, 1, pacer, iteration, window -> monitor)
                .get(0);
    }

    /**
     * Runs the load through a warm-up and then {@code windows} measured windows back to back, without stopping the
     * users in between (the pipeline stays full); each window gets its own monitor.
     */
    public static List<Result> runWindows(
            int users,
            Duration warmup,
            Duration measure,
            int windows,
            Pacer pacer,
            Iteration iteration,
            IntFunction<Monitor> monitors) {
        List<OperationSample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + warmup.toNanos() + measure.toNanos() * windows;
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            long startAt = users > RAMP_ABOVE ? start + u * RAMP_STEP.toNanos() : start;
            Thread thread = new Thread(
                    () -> {
                        sleepUntil(startAt);
                        loop(user, end, pacer, iteration, samples, errors);
                    },
                    "vu-" + u);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        sleepUntil(start + warmup.toNanos());
        List<Window> measured = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            measured.add(window(start + warmup.toNanos() + measure.toNanos() * (w + 1), monitors.apply(w)));
        }
        long finishBy = System.nanoTime() + FINISH_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (finishBy - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<OperationSample> all = List.copyOf(samples);
        return measured.stream()
                .map(window -> new Result(window, all, errors.get()))
                .toList();
    }

    /** One measured window from now until {@code endNanos}, sampling every 3 s. */
    private static Window window(long endNanos, Monitor monitor) {
        long fromNanos = System.nanoTime();
        Instant from = Instant.now();
        monitor.windowStarted();
        for (long next = fromNanos; System.nanoTime() < endNanos; next += SAMPLE_EVERY.toNanos()) {
            sleepUntil(Math.min(endNanos, next));
            if (System.nanoTime() < endNanos) {
                monitor.sample();
            }
        }
        long toNanos = System.nanoTime();
        Instant to = Instant.now();
        monitor.windowEnded();
        return new Window(from, to, fromNanos, toNanos);
    }

    private static void loop(
            int user, long end, Pacer pacer, Iteration iteration, List<OperationSample> samples, AtomicInteger errors) {
        while (System.nanoTime() < end) {
            if (pacer != null) {
                pacer.await();
                if (System.nanoTime() >= end) {
                    return;
                }
            }
            try {
                samples.add(iteration.run(user));
            } catch (RuntimeException e) {
                if (errors.incrementAndGet() <= 5) {
                    System.err.println("virtual user " + user + ": " + e.getMessage());
                }
                sleepUntil(System.nanoTime() + 100_000_000L);
            }
        }
    }

    static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, wait / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
