package io.rebound.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Times as SREs type them ({@code 30m}, {@code 2d}, ISO) and as they read them ({@code 3m ago}). */
final class Times {

    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d|w)");

    private Times() {}

    /**
     * A point in time: a duration such as {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d} or {@code 1w} means that
     * long before {@code now}; otherwise an ISO instant ({@code 2025-01-31T12:00:00Z}), an ISO date-time with offset,
     * a local ISO date-time or a date, the last two taken as UTC.
     */
    static Instant instant(String text, Instant now) {
        String value = text == null ? "" : text.trim();
        if (AMOUNT.matcher(value.toLowerCase(Locale.ROOT)).matches()
                || value.toUpperCase(Locale.ROOT).startsWith("P")) {
            return now.minus(duration(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            throw new IllegalArgumentException(
                    "'" + text
                            + "' is neither a duration such as 30m, 1h or 2d nor an ISO date-time such as 2025-01-31T12:00:00Z");
        }
    }

    /** A duration: {@code 500ms}, {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, {@code 1w} or ISO {@code PT1H30M}. */
    static Duration duration(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = AMOUNT.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> ChronoUnit.WEEKS.getDuration().multipliedBy(amount);
            };
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration such as 500ms, 90s, 30m, 1h, 2d, 1w or PT1H30M");
        }
    }

    /** How long ago, in the largest whole unit that fits: {@code 45s ago}, {@code 3m ago}, {@code 5h ago}, {@code 2d ago}. */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        long seconds = Duration.between(then, now).getSeconds();
        if (seconds < 0) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + "s ago";
        }
        if (seconds < 3_600) {
            return seconds / 60 + "m ago";
        }
        if (seconds < 2 * 86_400) {
            return seconds / 3_600 + "h ago";
        }
        return seconds / 86_400 + "d ago";
    }

    /** A short human duration: {@code 2.6s}, {@code 4m 10s}, {@code 3h 5m}. */
    static String human(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
        }
        if (seconds < 3_600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3_600 + "h " + seconds % 3_600 / 60 + "m";
    }

    /** A timestamp from the API: an ISO string (with or without offset) or epoch milliseconds; null if absent. */
    static Instant fromApi(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        try {
            return OffsetDateTime.parse(node.asString()).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(node.asString()).toInstant(ZoneOffset.UTC);
        }
    }
}
