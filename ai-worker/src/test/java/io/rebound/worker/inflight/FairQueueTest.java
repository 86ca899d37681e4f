package io.rebound.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    @Test
    void aUserWithManyWaitingRecordsGetsOneSlotInTurnWithEveryOtherUser() {
        FairQueue<String> queue = new FairQueue<>();
        for (int i = 1; i <= 5; i++) {
            queue.add("flood@example.com", "flood-" + i);
        }
        queue.add("ada@example.com", "ada-1");
        queue.add("bob@example.com", "bob-1");
        queue.add("ada@example.com", "ada-2");

        List<String> order = new ArrayList<>();
        for (String next = queue.poll(); next != null; next = queue.poll()) {
            order.add(next);
        }

        assertThat(order)
                .containsExactly("flood-1", "ada-1", "bob-1", "flood-2", "ada-2", "flood-3", "flood-4", "flood-5");
        assertThat(queue.size()).isZero();
    }

    @Test
    void keepsEachUsersRecordsInTheirOrder() {
        FairQueue<Integer> queue = new FairQueue<>();
        for (int i = 0; i < 100; i++) {
            queue.add(i % 2 == 0 ? "even" : "odd", i);
        }
        List<Integer> even = new ArrayList<>();
        for (Integer next = queue.poll(); next != null; next = queue.poll()) {
            if (next % 2 == 0) {
                even.add(next);
            }
        }
        assertThat(even).isSorted().hasSize(50);
    }

    @Test
    void recordsWithoutAnOwnerShareOneTurn() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add(null, "a");
        queue.add(null, "b");
        queue.add("ada@example.com", "c");
        assertThat(List.of(queue.poll(), queue.poll(), queue.poll())).containsExactly("a", "c", "b");
    }
}
