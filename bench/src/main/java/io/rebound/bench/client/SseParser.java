package io.rebound.bench.client;

import java.util.function.Consumer;

/** Turns the lines of a {@code text/event-stream} into events (the WHATWG rules the SPA's EventSource follows). */
final class SseParser {

    /** One dispatched event; {@code name} is {@code message} when the stream gave none. */
    record Event(String id, String name, String data) {}

    private final Consumer<Event> sink;
    private String id;
    private String name;
    private StringBuilder data;
    private String lastId;

    SseParser(Consumer<Event> sink) {
        this.sink = sink;
    }

    void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return; // a comment, e.g. the "connected" greeting
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // retry and unknown fields do not matter here
            }
        }
    }

    /** The id of the last dispatched event, for {@code Last-Event-ID} on a reconnect. */
    String lastId() {
        return lastId;
    }

    private void dispatch() {
        if (id != null) {
            lastId = id;
        }
        if (data != null) {
            sink.accept(new Event(lastId, name == null ? "message" : name, data.toString()));
        }
        id = null;
        name = null;
        data = null;
    }
}
