package io.rebound.common;

/**
 * A value from outside (a Kafka key, header or field, a provider's error text) made safe for one log line: line breaks,
 * tabs, quotes, backslashes, other control and invisible formatting characters are escaped, so nobody can forge a log
 * line or a {@code key="value"} pair with what they write on a topic; and it is cut at {@link #MAX_CHARS} characters,
 * with the full length named, so one record cannot flood the log. Put it between quotes: {@code key="{}"}.
 */
public final class LogValue {

    public static final int MAX_CHARS = 500;

    private LogValue() {}

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int end = Math.min(text.length(), MAX_CHARS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)
                            || Character.getType(c) == Character.FORMAT
                            || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < text.length()) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
