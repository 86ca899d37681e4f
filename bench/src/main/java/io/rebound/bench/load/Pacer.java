package io.rebound.bench.load;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces operation starts evenly at a target rate across all virtual users. A user that is late (every user was busy)
 * starts at once; the schedule does not try to catch up, so a stall never turns into a burst.
 */
public final class Pacer {

    private final long intervalNanos;
    private final LongSupplier clock;
    private long next;

    public Pacer(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    Pacer(double perSecond, LongSupplier clock) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.clock = clock;
        this.next = clock.getAsLong();
    }

    /** Waits for this caller's slot. */
    public void await() {
        long slot = reserve();
        long wait;
        while ((wait = slot - clock.getAsLong()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The caller's start time: the next free slot, or now if that slot has passed. */
    synchronized long reserve() {
        long slot = Math.max(next, clock.getAsLong());
        next = slot + intervalNanos;
        return slot;
    }
}
