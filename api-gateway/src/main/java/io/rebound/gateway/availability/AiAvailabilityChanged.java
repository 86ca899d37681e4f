package io.rebound.gateway.availability;

import java.time.Instant;

/** The AI became unavailable ({@code unavailableSince} set) or available again (null). */
public record AiAvailabilityChanged(Instant unavailableSince) {}
