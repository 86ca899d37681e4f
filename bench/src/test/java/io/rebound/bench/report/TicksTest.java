package io.rebound.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void ticksAreRoundNumbersAboutAFifthOfTheRangeApart() {
        assertThat(Ticks.step(100)).isEqualTo(20);
        assertThat(Ticks.step(2.2)).isEqualTo(0.5);
        assertThat(Ticks.step(11_000)).isEqualTo(2_500);
    }

    @Test
    void theAxisEndsAtTheFirstTickAboveTheLargestValue() {
        assertThat(Ticks.top(93)).isEqualTo(100);
        assertThat(Ticks.top(2.03)).isEqualTo(2.5);
        assertThat(Ticks.top(6_897)).isEqualTo(8_000);
    }
}
