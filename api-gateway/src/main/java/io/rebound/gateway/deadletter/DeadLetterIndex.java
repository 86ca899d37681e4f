package io.rebound.gateway.deadletter;

import io.rebound.common.EventJson;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** The dead-letter index in PostgreSQL: written once per Kafka record, queried by SREs, updated by their actions. */
@Repository
class DeadLetterIndex {

    private static final String COLUMNS = "id, topic, kafka_partition, kafka_offset, operation_id, operation_type,"
            + " error_code, exception_class, coalesce(reason, exception_message) as reason, original_topic,"
            + " original_partition, original_offset, attempts, dead_lettered_at, state, state_changed_at,"
            + " state_changed_by, state_reason, redrive_operation_id, resolved_by_operation_id";

    private final NamedParameterJdbcTemplate jdbc;

    DeadLetterIndex(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Indexes a record; a redelivered one (same topic, partition, offset and timestamp) is ignored. The timestamp tells
     * a record of a topic that was deleted and created again from the old one at its offset.
     */
    boolean add(DeadLetterRecord r) {
        return jdbc.update(
                        """
                insert into dead_letters (topic, kafka_partition, kafka_offset, message_key, operation_id,
                    operation_type, error_code, exception_class, exception_message, reason, original_topic,
                    original_partition, original_offset, attempts, headers, payload, dead_lettered_at)
                values (:topic, :partition, :offset, :key, :operationId, :operationType, :errorCode, :exceptionClass,
                    :exceptionMessage, :reason, :originalTopic, :originalPartition, :originalOffset, :attempts,
                    cast(:headers as jsonb), :payload, :at)
                on conflict (topic, kafka_partition, kafka_offset, dead_lettered_at) do nothing
                """,
                        new MapSqlParameterSource()
                                .addValue("topic", r.topic())
                                .addValue("partition", r.partition())
                                .addValue("offset", r.offset())
                                .addValue("key", r.key())
                                .addValue("operationId", r.operationId())
                                .addValue("operationType", r.operationType())
                                .addValue("errorCode", r.errorCode().name())
                                .addValue("exceptionClass", r.exceptionClass())
                                .addValue("exceptionMessage", r.exceptionMessage())
                                .addValue("reason", r.reason())
                                .addValue("originalTopic", r.originalTopic())
                                .addValue("originalPartition", r.originalPartition())
                                .addValue("originalOffset", r.originalOffset())
                                .addValue("attempts", r.attempts())
                                .addValue("headers", EventJson.writeString(r.headers()))
                                .addValue("payload", r.payload())
                                .addValue("at", Timestamp.from(r.deadLetteredAt())))
                > 0;
    }

    List<DeadLetterViews.Summary> list(DeadLetterFilter filter, int page, int size) {
        MapSqlParameterSource params =
                new MapSqlParameterSource().addValue("limit", size).addValue("offset", (long) page * size);
        return jdbc.query(
                "select " + COLUMNS + " from dead_letters where " + filter.where(params)
                        + " order by dead_lettered_at desc, id desc limit :limit offset :offset",
                params,
                (rs, row) -> summary(rs));
    }

    long count(DeadLetterFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Long count = jdbc.queryForObject(
                "select count(*) from dead_letters where " + filter.where(params), params, Long.class);
        return count == null ? 0 : count;
    }

    List<DeadLetterViews.Group> groups(DeadLetterFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        return jdbc.query(
                "select error_code, exception_class, operation_type, count(*) as count,"
                        + " min(dead_lettered_at) as oldest, max(dead_lettered_at) as newest from dead_letters where "
                        + filter.where(params)
                        + " group by error_code, exception_class, operation_type order by count(*) desc, error_code",
                params,
                (rs, row) -> new DeadLetterViews.Group(
                        rs.getString("error_code"),
                        rs.getString("exception_class"),
                        rs.getString("operation_type"),
                        rs.getLong("count"),
                        instant(rs, "oldest"),
                        instant(rs, "newest")));
    }

    Optional<DeadLetterViews.Detail> get(long id) {
        return jdbc
                .query(
                        "select " + COLUMNS + ", message_key, exception_message, headers::text as headers, payload"
                                + " from dead_letters where id = :id",
                        Map.of("id", id),
                        (rs, row) -> new DeadLetterViews.Detail(
                                summary(rs),
                                rs.getString("message_key"),
                                rs.getString("exception_message"),
                                EventJson.mapper()
                                        .readValue(
                                                rs.getString("headers"), new TypeReference<Map<String, String>>() {}),
                                DeadLetterRecord.readable(rs.getBytes("payload"))))
                .stream()
                .findFirst();
    }

    /** Ids of open dead letters matching the filter, oldest first. */
    List<Long> openIds(DeadLetterFilter filter, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", limit);
        return jdbc.queryForList(
                "select id from dead_letters where "
                        + filter.withDefaultState("open").where(params)
                        + " and state = 'OPEN' order by dead_lettered_at, id limit :limit",
                params,
                Long.class);
    }

    /** The open ones among {@code ids}, oldest first. */
    List<Long> openAmong(List<Long> ids) {
        return jdbc.queryForList(
                "select id from dead_letters where id in (:ids) and state = 'OPEN' order by dead_lettered_at, id",
                new MapSqlParameterSource("ids", ids),
                Long.class);
    }

    /** How many of {@code ids} the worker classified as permanent failures (header {@code rebound_transient=false}). */
    int permanentAmong(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Integer count = jdbc.queryForObject(
                "select count(*) from dead_letters where id in (:ids) and headers ->> :transient = 'false'",
                new MapSqlParameterSource("ids", ids).addValue("transient", DeadLetterHeaderNames.TRANSIENT),
                Integer.class);
        return count == null ? 0 : count;
    }

    Optional<UUID> operationOf(long id) {
        return jdbc
                .queryForList("select operation_id from dead_letters where id = :id", Map.of("id", id), UUID.class)
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /**
     * Moves an open dead letter to {@code state}; false when it is not open any more, which is what makes a dead
     * letter redriven or discarded at most once even when two SREs act at the same time.
     */
    boolean close(long id, DeadLetterState state, String actor, String reason, UUID redriveOperationId) {
        return jdbc.update(
                        "update dead_letters set state = :state, state_changed_at = now(), state_changed_by = :actor,"
                                + " state_reason = :reason, redrive_operation_id = :operation"
                                + " where id = :id and state = 'OPEN'",
                        new MapSqlParameterSource()
                                .addValue("state", state.name())
                                .addValue("actor", actor)
                                .addValue("reason", reason)
                                .addValue("operation", redriveOperationId)
                                .addValue("id", id))
                == 1;
    }

    void setRedriveOperation(long id, UUID operationId) {
        jdbc.update(
                "update dead_letters set redrive_operation_id = :operation where id = :id",
                new MapSqlParameterSource().addValue("operation", operationId).addValue("id", id));
    }

    /** Discards every open dead letter matching the filter; returns how many. */
    int discard(DeadLetterFilter filter, String actor, String reason) {
        MapSqlParameterSource params =
                new MapSqlParameterSource().addValue("actor", actor).addValue("reason", reason);
        return jdbc.update(
                "update dead_letters set state = 'DISCARDED', state_changed_at = now(), state_changed_by = :actor,"
                        + " state_reason = :reason where "
                        + filter.withDefaultState("open").where(params)
                        + " and state = 'OPEN'",
                params);
    }

    Map<String, Object> stats() {
        return jdbc.queryForMap(
                "select count(*) filter (where state = 'OPEN') as open,"
                        + " count(*) filter (where state = 'REDRIVEN') as redriven,"
                        + " count(*) filter (where state = 'DISCARDED') as discarded,"
                        + " count(*) filter (where state = 'RESOLVED') as resolved,"
                        + " coalesce(extract(epoch from now() - min(dead_lettered_at) filter (where state = 'OPEN')), 0)"
                        + " as oldest_open_age_seconds from dead_letters",
                Map.of());
    }

    private static DeadLetterViews.Summary summary(ResultSet rs) throws SQLException {
        return new DeadLetterViews.Summary(
                rs.getLong("id"),
                rs.getString("topic"),
                rs.getInt("kafka_partition"),
                rs.getLong("kafka_offset"),
                rs.getObject("operation_id", UUID.class),
                rs.getString("operation_type"),
                rs.getString("error_code"),
                rs.getString("exception_class"),
                rs.getString("reason"),
                rs.getString("original_topic"),
                (Integer) rs.getObject("original_partition"),
                (Long) rs.getObject("original_offset"),
                (Integer) rs.getObject("attempts"),
                instant(rs, "dead_lettered_at"),
                rs.getString("state").toLowerCase(),
                instant(rs, "state_changed_at"),
                rs.getString("state_changed_by"),
                rs.getString("state_reason"),
                rs.getObject("redrive_operation_id", UUID.class),
                rs.getObject("resolved_by_operation_id", UUID.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
