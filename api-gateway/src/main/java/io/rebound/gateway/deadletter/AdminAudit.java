package io.rebound.gateway.deadletter;

import io.rebound.common.EventJson;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Who did what to the dead letters, when, with which filter and how many records it touched. */
@Repository
class AdminAudit {

    private final NamedParameterJdbcTemplate jdbc;

    AdminAudit(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long start(String actor, String action, Object filter, boolean dryRun, int matched) {
        Long id = jdbc.queryForObject(
                "insert into admin_audit (actor, action, filter, dry_run, matched)"
                        + " values (:actor, :action, cast(:filter as jsonb), :dryRun, :matched) returning id",
                new MapSqlParameterSource()
                        .addValue("actor", actor)
                        .addValue("action", action)
                        .addValue("filter", EventJson.writeString(filter))
                        .addValue("dryRun", dryRun)
                        .addValue("matched", matched),
                Long.class);
        return id == null ? 0 : id;
    }

    void progress(long id, int affected, Map<String, Integer> skipped, boolean finished) {
        jdbc.update(
                "update admin_audit set affected = :affected, detail = :detail"
                        + (finished ? ", finished_at = now()" : "") + " where id = :id",
                new MapSqlParameterSource()
                        .addValue("affected", affected)
                        .addValue("detail", EventJson.writeString(Map.of("skipped", skipped)))
                        .addValue("id", id));
    }

    /** A redrive or discard from the audit trail; {@code filter} and {@code detail} are JSON text. */
    @Schema(name = "AdminAction")
    record Action(
            long id,
            String actor,
            String action,
            @Schema(nullable = true) String filter,
            boolean dryRun,
            int matched,
            int affected,
            @Schema(nullable = true) String detail,
            Instant createdAt,
            @Schema(nullable = true) Instant finishedAt) {}

    Action get(long id) {
        return jdbc
                .query(
                        "select id, actor, action, filter::text as filter, dry_run, matched, affected,"
                                + " detail::text as detail, created_at, finished_at from admin_audit where id = :id",
                        Map.of("id", id),
                        (rs, row) -> new Action(
                                rs.getLong("id"),
                                rs.getString("actor"),
                                rs.getString("action"),
                                rs.getString("filter"),
                                rs.getBoolean("dry_run"),
                                rs.getInt("matched"),
                                rs.getInt("affected"),
                                rs.getString("detail"),
                                instant(rs.getObject("created_at", OffsetDateTime.class)),
                                instant(rs.getObject("finished_at", OffsetDateTime.class))))
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
