package io.rebound.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class TimesTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    @Test
    void durationsMeanThatLongBeforeNow() {
        assertThat(Times.instant("30m", NOW)).isEqualTo("2025-03-10T11:30:00Z");
        assertThat(Times.instant("1h", NOW)).isEqualTo("2025-03-10T11:00:00Z");
        assertThat(Times.instant("2d", NOW)).isEqualTo("2025-03-08T12:00:00Z");
        assertThat(Times.instant("90s", NOW)).isEqualTo("2025-03-10T11:58:30Z");
        assertThat(Times.instant("1w", NOW)).isEqualTo("2025-03-03T12:00:00Z");
        assertThat(Times.instant(" 1H ", NOW)).isEqualTo("2025-03-10T11:00:00Z");
        assertThat(Times.instant("PT1H30M", NOW)).isEqualTo("2025-03-10T10:30:00Z");
    }

    @Test
    void isoTimesAreTakenAsTheyAreAndLocalOnesAsUtc() {
        assertThat(Times.instant("2025-01-31T12:00:00Z", NOW)).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(Times.instant("2025-01-31T14:00:00+02:00", NOW)).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(Times.instant("2025-01-31T12:00", NOW)).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(Times.instant("2025-01-31", NOW)).isEqualTo("2025-01-31T00:00:00Z");
    }

    @Test
    void rejectsWhatIsNeitherADurationNorADateWithAnExample() {
        assertThatThrownBy(() -> Times.instant("yesterday", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday'")
                .hasMessageContaining("30m");
        assertThatThrownBy(() -> Times.instant("5x", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Times.instant("", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Times.duration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesDurationsForTimeouts() {
        assertThat(Times.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Times.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Times.duration("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void agesUseTheLargestWholeUnit() {
        assertThat(Times.ago(NOW.minusSeconds(45), NOW)).isEqualTo("45s ago");
        assertThat(Times.ago(NOW.minusSeconds(3 * 60 + 59), NOW)).isEqualTo("3m ago");
        assertThat(Times.ago(NOW.minus(Duration.ofHours(5)), NOW)).isEqualTo("5h ago");
        assertThat(Times.ago(NOW.minus(Duration.ofHours(47)), NOW)).isEqualTo("47h ago");
        assertThat(Times.ago(NOW.minus(Duration.ofDays(3)), NOW)).isEqualTo("3d ago");
    }

    @Test
    void agesSurviveClockSkewAndMissingTimes() {
        assertThat(Times.ago(NOW.plusSeconds(2), NOW)).isEqualTo("just now");
        assertThat(Times.ago(null, NOW)).isEqualTo("-");
    }

    @Test
    void readsApiTimestampsAsIsoTextOrEpochMillis() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        assertThat(Times.fromApi(nodes.stringNode("2025-03-10T11:00:00.123456Z")))
                .isEqualTo("2025-03-10T11:00:00.123456Z");
        assertThat(Times.fromApi(nodes.stringNode("2025-03-10T13:00:00+02:00"))).isEqualTo("2025-03-10T11:00:00Z");
        assertThat(Times.fromApi(nodes.numberNode(NOW.toEpochMilli()))).isEqualTo(NOW);
        assertThat(Times.fromApi(nodes.nullNode())).isNull();
        assertThat(Times.fromApi(null)).isNull();
    }

    @Test
    void humanDurationsAreShort() {
        assertThat(Times.human(Duration.ofMillis(2_600))).isEqualTo("2.6s");
        assertThat(Times.human(Duration.ofSeconds(250))).isEqualTo("4m 10s");
        assertThat(Times.human(Duration.ofMinutes(185))).isEqualTo("3h 5m");
    }
}
