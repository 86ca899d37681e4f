package io.rebound.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/sessions} answers one page at a time, and a session answers its newest messages with a way back
 * to the older ones, over the real database. Rows are written straight to it where the API would take too long.
 */
class SessionPagingIT extends GatewayIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void sessionsComeInPagesNewestFirstWithoutOverlapsOrGaps() {
        String email = newAccount("pager");
        UUID owner = ownerId(email);
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 45; i++) {
            // Six sessions share one instant, across the boundary of the first two pages: the id breaks the tie.
            Instant at = i >= 22 && i <= 27 ? base.plusSeconds(22) : base.plusSeconds(i);
            insertSession(owner, "Role " + i, at);
        }
        List<String> expected = jdbc.queryForList(
                "select id::text from interview_sessions where owner_id = ? order by created_at desc, id desc",
                String.class,
                owner);
        ApiClient client = as(email);
        String otherUsers = newSession(as(newAccount("other")));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode body = ok(client.get("/api/v1/sessions?page=" + page + "&size=20"));
            assertThat(body.propertyNames()).containsExactlyInAnyOrder("items", "page", "size", "total");
            assertThat(body.get("page").asInt()).isEqualTo(page);
            assertThat(body.get("size").asInt()).isEqualTo(20);
            assertThat(body.get("total").asLong()).isEqualTo(45);
            sizes.add(body.get("items").size());
            for (JsonNode item : body.get("items")) {
                assertThat(item.propertyNames())
                        .containsExactlyInAnyOrder("id", "role", "created_at", "message_count", "failed_request_count");
                seen.add(item.get("id").asString());
            }
        }

        assertThat(sizes).containsExactly(20, 20, 5);
        assertThat(seen)
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(expected)
                .doesNotContain(otherUsers);
        assertThat(ok(client.get("/api/v1/sessions?page=3&size=20")).get("items"))
                .isEmpty();
        JsonNode byDefault = ok(client.get("/api/v1/sessions"));
        assertThat(byDefault.get("page").asInt()).isZero();
        assertThat(byDefault.get("size").asInt()).isEqualTo(20);
        assertThat(byDefault.get("items").get(0).get("id").asString()).isEqualTo(expected.get(0));
        JsonNode largest = ok(client.get("/api/v1/sessions?size=100"));
        assertThat(largest.get("items")).hasSize(45);
    }

    @Test
    void theListCountsFailedRequestsThatAreNotMessagesUntilTheirRetryIsMade() throws Exception {
        ApiClient client = as(newAccount("failing"));
        String sessionId = newSession(client);
        String first = failedQuestion(client, sessionId);
        failedQuestion(client, sessionId);

        JsonNode summary = ok(client.get("/api/v1/sessions")).get("items").get(0);
        assertThat(summary.get("id").asString()).isEqualTo(sessionId);
        assertThat(summary.get("message_count").asLong()).isZero();
        assertThat(summary.get("failed_request_count").asLong()).isEqualTo(2);

        client.post("/api/v1/operations/" + first + "/retry");
        assertThat(ok(client.get("/api/v1/sessions"))
                        .get("items")
                        .get(0)
                        .get("failed_request_count")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void anotherUsersSessionsNeverAppear() {
        ApiClient mine = as(newAccount("mine"));
        ApiClient theirs = as(newAccount("theirs"));
        String myOwn = newSession(mine);
        String theirOwn = newSession(theirs);

        JsonNode page = ok(mine.get("/api/v1/sessions"));

        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").findValuesAsString("id")).containsExactly(myOwn);
        assertThat(ok(theirs.get("/api/v1/sessions")).get("items").findValuesAsString("id"))
                .containsExactly(theirOwn);
        assertThat(theirs.get("/api/v1/sessions/" + myOwn + "/messages").status())
                .isEqualTo(404);
    }

    @Test
    void pageParametersOutOfRangeOrMalformedAreProblems() {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        String othersMessage = insertMessage(UUID.fromString(newSession(ada)), "question", Instant.now(), null);

        for (String query : List.of(
                "size=0",
                "size=101",
                "size=-5",
                "page=-1",
                "page=x",
                "size=x",
                "page=1.5",
                "page=2147483647",
                "page=99999999999")) {
            assertProblem(ada.get("/api/v1/sessions?" + query), query);
        }
        for (String query : List.of("limit=0", "limit=201", "limit=x", "before=x", "before=" + othersMessage)) {
            assertProblem(ada.get("/api/v1/sessions/" + sessionId + "/messages?" + query), query);
        }
        assertThat(ada.get("/api/v1/sessions?page=0&size=1").status()).isEqualTo(200);
    }

    @Test
    void aLongConversationAnswersItsNewestMessagesAndTheOlderOnesOnRequest() throws Exception {
        String email = newAccount("talker");
        ApiClient client = as(email);
        UUID owner = ownerId(email);
        UUID session = UUID.fromString(newSession(client));
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        // A question that took a retry, long before the newest window: the chain comes along with its message.
        UUID failed = insertOperation(session, owner, "QUESTION_GENERATION", "FAILED", null, null, base);
        UUID retry = insertOperation(session, owner, "QUESTION_GENERATION", "COMPLETED", null, failed, base);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String kind = i % 2 == 0 ? "question" : "answer";
            ids.add(insertMessage(session, kind, base.plusSeconds(10 + i), i == 249 ? retry : null));
        }
        // Feedback work on an old answer belongs to that answer's window; an old operation still open to the newest.
        UUID oldFeedback = insertOperation(
                session,
                owner,
                "FEEDBACK_ANALYSIS",
                "COMPLETED",
                UUID.fromString(ids.get(11)),
                null,
                base.plusSeconds(21));
        UUID openLongAgo = insertOperation(session, owner, "QUESTION_GENERATION", "PENDING", null, null, base);
        String asked = client.post("/api/v1/sessions/" + session + "/questions").text("id");

        JsonNode detail = ok(client.get("/api/v1/sessions/" + session));
        assertThat(detail.propertyNames())
                .containsExactlyInAnyOrder(
                        "id", "role", "created_at", "messages", "operations", "has_older_messages", "answer_max_chars");
        assertThat(detail.get("has_older_messages").asBoolean()).isTrue();
        assertThat(detail.get("answer_max_chars").asInt()).isEqualTo(SessionController.MAX_ANSWER_CHARS);
        assertThat(detail.get("messages").findValuesAsString("id")).containsExactlyElementsOf(ids.subList(50, 250));
        List<String> detailOperations = detail.get("operations").findValuesAsString("id");
        assertThat(detailOperations)
                .contains(asked, openLongAgo.toString(), retry.toString(), failed.toString())
                .doesNotContain(oldFeedback.toString());
        assertThat(operation(detail, failed).get("retried_by_operation_id").asString())
                .isEqualTo(retry.toString());

        JsonNode older =
                ok(client.get("/api/v1/sessions/" + session + "/messages?before=" + ids.get(50) + "&limit=30"));
        assertThat(older.propertyNames()).containsExactlyInAnyOrder("messages", "operations", "has_older_messages");
        assertThat(older.get("messages").findValuesAsString("id")).containsExactlyElementsOf(ids.subList(20, 50));
        assertThat(older.get("has_older_messages").asBoolean()).isTrue();
        assertThat(older.get("operations").findValuesAsString("id")).isEmpty();

        JsonNode oldest =
                ok(client.get("/api/v1/sessions/" + session + "/messages?before=" + ids.get(20) + "&limit=30"));
        assertThat(oldest.get("messages").findValuesAsString("id")).containsExactlyElementsOf(ids.subList(0, 20));
        assertThat(oldest.get("has_older_messages").asBoolean()).isFalse();
        // From the session's start: the old question chain (its message is newer), the open one, the old feedback.
        assertThat(oldest.get("operations").findValuesAsString("id"))
                .containsExactlyInAnyOrder(
                        failed.toString(), retry.toString(), openLongAgo.toString(), oldFeedback.toString());

        JsonNode newestFive = ok(client.get("/api/v1/sessions/" + session + "/messages?limit=5"));
        assertThat(newestFive.get("messages").findValuesAsString("id"))
                .containsExactlyElementsOf(ids.subList(245, 250));
        assertThat(newestFive.get("has_older_messages").asBoolean()).isTrue();
        assertThat(newestFive.get("operations").findValuesAsString("id")).contains(asked, openLongAgo.toString());
    }

    @Test
    void aShortConversationIsWholeAndSaysSo() {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        String asked = ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");

        JsonNode detail = ok(ada.get("/api/v1/sessions/" + sessionId));

        assertThat(detail.get("has_older_messages").asBoolean()).isFalse();
        assertThat(detail.get("messages")).isEmpty();
        assertThat(detail.get("operations").findValuesAsString("id")).containsExactly(asked);
        JsonNode created = ada.post("/api/v1/sessions", "{\"role\":\"SRE\"}").json();
        assertThat(created.get("has_older_messages").asBoolean()).isFalse();
    }

    private static JsonNode operation(JsonNode page, UUID id) {
        for (JsonNode operation : page.get("operations")) {
            if (operation.get("id").asString().equals(id.toString())) {
                return operation;
            }
        }
        throw new AssertionError("no operation " + id + " in " + page);
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static void assertProblem(ApiClient.Response response, String query) {
        assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).as(query).startsWith("application/problem+json");
        assertThat(response.text("code")).as(query).isEqualTo("INVALID_PARAMETER");
    }

    private UUID ownerId(String email) {
        return jdbc.queryForObject("select id from users where email = ?", UUID.class, email);
    }

    private void insertSession(UUID owner, String role, Instant at) {
        jdbc.update(
                "insert into interview_sessions (id, owner_id, role, created_at) values (?, ?, ?, ?)",
                UUID.randomUUID(),
                owner,
                role,
                Timestamp.from(at));
    }

    private String insertMessage(UUID session, String kind, Instant at, UUID operationId) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into session_messages (id, session_id, kind, content, operation_id, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)",
                id,
                session,
                kind.toUpperCase(),
                kind + " at " + at,
                operationId,
                Timestamp.from(at));
        return id.toString();
    }

    private UUID insertOperation(
            UUID session, UUID owner, String type, String status, UUID messageId, UUID parentId, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into operations (id, operation_type, status, params, parent_operation_id, retry_count,"
                        + " session_id, message_id, owner_id, requested_by, source, deadline_at, created_at,"
                        + " updated_at) values (?, ?, ?, '{}'::jsonb, ?, ?, ?, ?, ?, 'pager', 'API', ?, ?, ?)",
                id,
                type,
                status,
                parentId,
                parentId == null ? 0 : 1,
                session,
                messageId,
                owner,
                Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS)),
                Timestamp.from(at),
                Timestamp.from(at));
        return id;
    }
}
