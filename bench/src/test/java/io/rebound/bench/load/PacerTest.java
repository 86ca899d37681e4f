package io.rebound.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Pacer pacer = new Pacer(1000, now::get); // one slot per millisecond

    @Test
    void spacesCallersOneIntervalApart() {
        assertThat(pacer.reserve()).isEqualTo(1_000);
        assertThat(pacer.reserve()).isEqualTo(1_001_000);
        assertThat(pacer.reserve()).isEqualTo(2_001_000);
    }

    @Test
    void doesNotMakeUpMissedSlotsAfterAStall() {
        pacer.reserve();
        now.set(50_000_000); // 50 slots later

        assertThat(pacer.reserve()).isEqualTo(50_000_000);
        assertThat(pacer.reserve()).isEqualTo(51_000_000);
    }
}
