package io.rebound.gateway.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** What an SRE's filter selects, as SQL with bound values, and the misspellings it refuses instead of matching none. */
class DeadLetterFilterTest {

    private final MapSqlParameterSource params = new MapSqlParameterSource();

    @Test
    void anEmptyFilterSelectsEveryDeadLetterAndAllMeansEveryState() {
        assertThat(new DeadLetterFilter(null, " ", null, null, null, null).where(params))
                .isEqualTo("true");
        assertThat(new DeadLetterFilter(null, null, null, "all", null, null).where(params))
                .isEqualTo("true");
        assertThat(params.getParameterNames()).isEmpty();
    }

    @Test
    void eachFieldBindsItsValueNormalisedNeverInlined() {
        Instant since = Instant.parse("2026-12-01T00:00:00Z");
        Instant until = Instant.parse("2026-12-02T00:00:00Z");
        String where = new DeadLetterFilter(
                        " ai_unavailable ", "InternalServerException", "question_generation", "Open", since, until)
                .where(params);

        assertThat(where)
                .isEqualTo("true and error_code = :errorCode"
                        + " and (exception_class = :exceptionClass or exception_class like :exceptionSuffix)"
                        + " and operation_type = :operationType and state = :state"
                        + " and dead_lettered_at >= :since and dead_lettered_at < :until");
        assertThat(params.getValue("errorCode")).isEqualTo("AI_UNAVAILABLE");
        assertThat(params.getValue("exceptionClass")).isEqualTo("InternalServerException");
        // A simple class name also matches the fully qualified one SREs see in the headers.
        assertThat(params.getValue("exceptionSuffix")).isEqualTo("%.InternalServerException");
        assertThat(params.getValue("operationType")).isEqualTo("question_generation");
        assertThat(params.getValue("state")).isEqualTo("OPEN");
        assertThat(params.getValue("since")).isEqualTo(Timestamp.from(since));
        assertThat(params.getValue("until")).isEqualTo(Timestamp.from(until));
    }

    @Test
    void filtersOnEveryOperationTypeTheWireKnows() {
        new DeadLetterFilter(null, null, "model_answer", null, null, null).where(params);

        assertThat(params.getValue("operationType")).isEqualTo("model_answer");
    }

    @Test
    void aMisspeltCodeOrTypeIsRefusedWithTheKnownOnesRatherThanMatchingNothing() {
        assertThatThrownBy(() -> new DeadLetterFilter("AI_UNAVAILIBLE", null, null, null, null, null).where(params))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("unknown error_code 'AI_UNAVAILIBLE'; known: AI_UNAVAILABLE, AI_TIMEOUT");
        assertThatThrownBy(() -> new DeadLetterFilter(null, null, "summarise_cv", null, null, null).where(params))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining(
                        "unknown operation_type 'summarise_cv'; known: question_generation, feedback_analysis, model_answer");
        assertThatThrownBy(() -> new DeadLetterFilter(null, null, null, "closed", null, null).where(params))
                .hasMessageContaining("unknown state 'closed'; use open, redriven, discarded, resolved or all");
        assertThatThrownBy(() -> new DeadLetterFilter("x".repeat(500), null, null, null, null, null).where(params))
                .hasMessageContaining("x".repeat(60) + "...'");
    }

    @Test
    void anActionWithoutAStateActsOnOpenDeadLettersOnly() {
        DeadLetterFilter given = new DeadLetterFilter("AI_TIMEOUT", null, null, null, null, null);
        assertThat(given.withDefaultState("open").state()).isEqualTo("open");
        DeadLetterFilter resolved = new DeadLetterFilter("AI_TIMEOUT", null, null, "resolved", null, null);
        assertThat(resolved.withDefaultState("open")).isSameAs(resolved);
    }
}
