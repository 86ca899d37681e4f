package io.rebound.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<SseParser.Event> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    @Test
    void dispatchesAnEventAtTheBlankLineWithItsIdAndName() {
        lines(":connected", "", "id:41", "event:operation", "data:{\"id\":\"a\"}", "");

        assertThat(events).containsExactly(new SseParser.Event("41", "operation", "{\"id\":\"a\"}"));
        assertThat(parser.lastId()).isEqualTo("41");
    }

    @Test
    void joinsDataLinesAndDropsOneLeadingSpace() {
        lines("data: first", "data:  second", "");

        assertThat(events).containsExactly(new SseParser.Event(null, "message", "first\n second"));
    }

    @Test
    void keepsTheLastIdForEventsWithoutOne() {
        lines("id: 7", "event: heartbeat", "data: {}", "", "data: x", "");

        assertThat(events).extracting(SseParser.Event::id).containsExactly("7", "7");
        assertThat(events).extracting(SseParser.Event::name).containsExactly("heartbeat", "message");
    }

    private void lines(String... lines) {
        for (String line : lines) {
            parser.line(line);
        }
    }
}
