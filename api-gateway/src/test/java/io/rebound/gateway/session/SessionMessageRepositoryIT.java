package io.rebound.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.operation.OperationRepository;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The message queries behind a session's conversation on the real PostgreSQL: pages of it newest first that neither
 * overlap nor skip a message when several share a timestamp, the question an answer replies to, the counts of the list.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class SessionMessageRepositoryIT {

    @Autowired
    private SessionMessageRepository messages;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private OperationRepository operations;

    private SessionRows rows;
    private UUID session;
    private UUID otherSession;

    @BeforeEach
    void twoSessionsOfOneUser() {
        rows = new SessionRows(jdbc, operations);
        UUID owner = rows.user();
        session = rows.session(owner);
        otherSession = rows.session(owner);
    }

    @Test
    void pagesNewestFirstWithTheIdBreakingTiesSoNoMessageIsShownTwiceOrSkipped() {
        List<UUID> newestFirst = new ArrayList<>();
        newestFirst.add(rows.message(session, SessionMessage.Kind.QUESTION, 30));
        List<UUID> sameSecond = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sameSecond.add(
                    rows.message(session, i % 2 == 0 ? SessionMessage.Kind.ANSWER : SessionMessage.Kind.QUESTION, 20));
        }
        // PostgreSQL orders uuids as unsigned bytes, which is their text order (UUID.compareTo is signed).
        sameSecond.sort(Comparator.comparing(UUID::toString).reversed());
        newestFirst.addAll(sameSecond);
        newestFirst.add(rows.message(session, SessionMessage.Kind.QUESTION, 10));
        rows.message(otherSession, SessionMessage.Kind.QUESTION, 40);

        List<SessionMessage> first = messages.findNewest(session, Limit.of(3));
        SessionMessage last = first.get(first.size() - 1);
        List<SessionMessage> rest = messages.findBefore(session, last.getCreatedAt(), last.getId(), Limit.of(10));
        List<SessionMessage> none = messages.findBefore(
                session,
                rest.get(rest.size() - 1).getCreatedAt(),
                rest.get(rest.size() - 1).getId(),
                Limit.of(10));

        List<UUID> seen = new ArrayList<>(ids(first));
        seen.addAll(ids(rest));
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(none).isEmpty();
    }

    @Test
    void theQuestionToAnswerIsTheNewestQuestionEvenWhenAnAnswerCameLater() {
        rows.message(session, SessionMessage.Kind.QUESTION, 1);
        UUID latestQuestion = rows.message(session, SessionMessage.Kind.QUESTION, 2);
        rows.message(session, SessionMessage.Kind.ANSWER, 3);
        rows.message(otherSession, SessionMessage.Kind.QUESTION, 4);

        assertThat(messages.findFirstBySessionIdAndKindOrderByCreatedAtDesc(session, SessionMessage.Kind.QUESTION))
                .get()
                .extracting(SessionMessage::getId)
                .isEqualTo(latestQuestion);
        assertThat(messages.findFirstBySessionIdAndKindOrderByCreatedAtDesc(otherSession, SessionMessage.Kind.ANSWER))
                .isEmpty();
        assertThat(messages.findByIdAndSessionId(latestQuestion, otherSession)).isEmpty();
    }

    @Test
    void countsMessagesPerSessionAndLeavesOutSessionsWithoutAny() {
        rows.message(session, SessionMessage.Kind.QUESTION, 1);
        rows.message(session, SessionMessage.Kind.ANSWER, 2);
        UUID empty = rows.session(rows.user());

        Map<UUID, Long> counts = messages.countBySession(List.of(session, otherSession, empty)).stream()
                .collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1]));

        assertThat(counts).containsExactlyEntriesOf(Map.of(session, 2L));
    }

    private static List<UUID> ids(List<SessionMessage> list) {
        return list.stream().map(SessionMessage::getId).toList();
    }
}
