package io.rebound.common;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON codec for events on the wire: snake_case names, ISO-8601 instants, unknown fields tolerated. */
public final class EventJson {

    private static final int MESSAGE_MAX_CHARS = 300;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String writeString(Object event) {
        return MAPPER.writeValueAsString(event);
    }

    /** Reads an event, turning every parse failure into an {@link InvalidEventException} with a readable reason. */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("empty record value: expected a JSON " + type.getSimpleName());
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            // No cause attached: the reason travels in a Kafka header as a serialized exception, and Jackson's own
            // exceptions do not survive that; everything useful is in the message.
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + cut(e.getOriginalMessage())
                    + " (value starts with '" + excerpt(json) + "')");
        }
    }

    /** Jackson quotes a value it cannot map in full: a 500 KB JSON string made a 500 KB reason. */
    private static String cut(String message) {
        return message == null || message.length() <= MESSAGE_MAX_CHARS
                ? message
                : message.substring(0, MESSAGE_MAX_CHARS) + "... (" + message.length() + " characters)";
    }

    private static String excerpt(byte[] json) {
        String text = new String(json, 0, Math.min(json.length, 60), StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ");
    }
}
