package io.rebound.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentileIsTheNearestRankNeverAnInterpolation() {
        List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }

        assertThat(Stats.percentile(values, 50)).isEqualTo(50.0);
        assertThat(Stats.percentile(values, 99)).isEqualTo(99.0);
        assertThat(Stats.percentile(values, 100)).isEqualTo(100.0);
        assertThat(Stats.percentile(List.of(3.0, 1.0, 2.0), 99)).isEqualTo(3.0);
    }

    @Test
    void percentileOfNothingIsNotANumber() {
        assertThat(Stats.percentile(List.of(), 50)).isNaN();
    }

    @Test
    void medianOfRunsIgnoresRunsThatMeasuredNothing() {
        assertThat(Stats.median(3, 1, 2)).isEqualTo(2.0);
        assertThat(Stats.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Stats.median(Double.NaN, 5, 7)).isEqualTo(6.0);
        assertThat(Stats.median()).isNaN();
    }
}
