package io.rebound.bench.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bad-input battery against the running stack: malformed, mistyped, unknown-field and oversized JSON on every
 * endpoint that takes a body, traversal and SQL-looking ids on every endpoint that takes one, wrong methods and media
 * types, bad admin filters; then poison records on every partition of {@code operations.requested}. Each request must
 * get a 4xx problem+json (never a 5xx) and change nothing; each poison record must become a dead letter with a
 * reason, and the partitions must keep flowing (checked by a load afterwards).
 */
final class BadInput {

    private record Probe(String label, String method, String path, String contentType, String body, String user) {}

    private static final List<String> BODIES = List.of(
            "{\"role\":",
            "not json",
            "[]",
            "{\"role\":{\"nested\":true}}",
            "{\"role\":[\"x\"]}",
            "{\"role\":\"Backend\",\"is_admin\":true}",
            "{}",
            "");
    private static final List<String> IDS = List.of(
            "1'%20OR%20'1'='1",
            "1;DROP%20TABLE%20operations",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..%2F..%2Fetc%2Fpasswd",
            "00000000-0000-0000-0000-00000000000Z",
            "%00",
            "9".repeat(400));

    /** Stands for a body sent chunked, without Content-Length: {@code {"role":} and 1.5 MB of spaces. */
    private static final String CHUNKED_BODY = "(chunked 1.5 MB)";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String gateway;

    BadInput(String gateway) {
        this.gateway = gateway;
    }

    /** Sends every probe; answers by "status problem?" with the probes that got each. */
    Map<String, List<String>> http(String sessionId) {
        List<Probe> probes = new ArrayList<>();
        for (String body : BODIES) {
            probes.add(new Probe(
                    "session body " + abbreviate(body), "POST", "/api/v1/sessions", "application/json", body, "ada"));
            String answer = body.replace("role", "content");
            probes.add(new Probe(
                    "answer body " + abbreviate(answer),
                    "POST",
                    "/api/v1/sessions/" + sessionId + "/answers",
                    "application/json",
                    answer,
                    "ada"));
            probes.add(new Probe(
                    "redrive body " + abbreviate(body),
                    "POST",
                    "/api/v1/admin/dead-letters/redrive",
                    "application/json",
                    body.replace("role", "filter"),
                    "sre"));
            probes.add(new Probe(
                    "discard body " + abbreviate(body),
                    "POST",
                    "/api/v1/admin/dead-letters/discard",
                    "application/json",
                    body.replace("role", "ids"),
                    "sre"));
        }
        probes.add(new Probe(
                "role of 201 characters",
                "POST",
                "/api/v1/sessions",
                "application/json",
                "{\"role\":\"" + "x".repeat(201) + "\"}",
                "ada"));
        probes.add(new Probe(
                "answer of 10,001 characters",
                "POST",
                "/api/v1/sessions/" + sessionId + "/answers",
                "application/json",
                "{\"content\":\"" + "x".repeat(10_001) + "\"}",
                "ada"));
        probes.add(new Probe(
                "body of 2 MB",
                "POST",
                "/api/v1/sessions",
                "application/json",
                "{\"role\":\"" + "x".repeat(2_000_000) + "\"}",
                "ada"));
        // No Content-Length at all: refused by the bytes read (whitespace, so that only the body limit applies).
        probes.add(new Probe(
                "chunked body of 1.5 MB", "POST", "/api/v1/sessions", "application/json", CHUNKED_BODY, "ada"));
        for (String id : IDS) {
            for (String path : List.of(
                    "/api/v1/operations/%s",
                    "/api/v1/operations/%s/history", "/api/v1/sessions/%s", "/api/v1/admin/dead-letters/%s")) {
                probes.add(new Probe(
                        "id " + abbreviate(id) + " in " + path,
                        "GET",
                        path.formatted(id),
                        null,
                        null,
                        path.contains("admin") ? "sre" : "ada"));
            }
            probes.add(new Probe(
                    "id " + abbreviate(id) + " in retry",
                    "POST",
                    "/api/v1/operations/" + id + "/retry",
                    "application/json",
                    "",
                    "ada"));
            probes.add(new Probe(
                    "id " + abbreviate(id) + " in questions",
                    "POST",
                    "/api/v1/sessions/" + id + "/questions",
                    "application/json",
                    "",
                    "ada"));
        }
        probes.add(new Probe("DELETE on sessions", "DELETE", "/api/v1/sessions", null, null, "ada"));
        probes.add(new Probe("text/plain body", "POST", "/api/v1/sessions", "text/plain", "role=x", "ada"));
        probes.add(new Probe("unknown path", "GET", "/api/v1/no-such-thing", null, null, "ada"));
        for (String query : List.of(
                "size=100000",
                "state=lost",
                "since=yesterday",
                "page=-1",
                "error_code=%27%3B%20drop%20table%20dead_letters")) {
            probes.add(new Probe(
                    "admin filter " + query, "GET", "/api/v1/admin/dead-letters?" + query, null, null, "sre"));
        }
        probes.add(new Probe("a user on the admin API", "GET", "/api/v1/admin/dead-letters", null, null, "ada"));
        probes.add(new Probe("no credentials", "GET", "/api/v1/sessions", null, null, null));
        probes.add(new Probe("metrics without credentials", "GET", "/actuator/prometheus", null, null, null));
        probes.add(new Probe("API description without credentials", "GET", "/v3/api-docs", null, null, null));

        Map<String, List<String>> byAnswer = new TreeMap<>();
        for (Probe probe : probes) {
            HttpResponse<String> response = send(probe);
            String type = response.headers().firstValue("content-type").orElse("");
            String key = response.statusCode()
                    + (type.startsWith("application/problem+json")
                            ? " problem+json"
                            : " " + (type.isEmpty() ? "(no content type)" : type));
            byAnswer.computeIfAbsent(key, k -> new ArrayList<>()).add(probe.label());
        }
        return byAnswer;
    }

    /**
     * Wrong passwords for a made-up account, one more than {@code allowed}: each answer as "status problem+json
     * [Retry-After n]". The gateway should answer {@code allowed} 401s and then a 429 with Retry-After.
     */
    List<String> wrongPasswords(int allowed) {
        String credentials = Base64.getEncoder()
                .encodeToString(
                        ("chaos-guess-" + System.nanoTime() + "@example.com:wrong").getBytes(StandardCharsets.UTF_8));
        List<String> answers = new ArrayList<>();
        for (int i = 0; i <= allowed; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/sessions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .header("Authorization", "Basic " + credentials)
                    .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                String type = response.headers().firstValue("content-type").orElse("");
                answers.add(response.statusCode()
                        + (type.startsWith("application/problem+json") ? " problem+json" : " " + type)
                        + response.headers()
                                .firstValue("Retry-After")
                                .map(seconds -> " Retry-After " + seconds)
                                .orElse(""));
            } catch (Exception e) {
                throw new IllegalStateException("wrong password " + (i + 1) + ": no answer: " + e, e);
            }
        }
        return answers;
    }

    private HttpResponse<String> send(Probe probe) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + probe.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(
                        probe.method(),
                        probe.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : CHUNKED_BODY.equals(probe.body())
                                        ? chunked()
                                        : HttpRequest.BodyPublishers.ofString(probe.body()));
        if (probe.contentType() != null) {
            builder.header("Content-Type", probe.contentType());
        }
        if (probe.user() != null) {
            builder.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (probe.user() + "@example.com:rebound").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(probe.label() + ": no answer: " + e, e);
        }
    }

    /** An unknown length makes the JDK client send it chunked. */
    private static HttpRequest.BodyPublisher chunked() {
        byte[] body = new byte[1536 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        System.arraycopy("{\"role\":".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 8);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
    }

    /** The kinds of poison record sent to each partition, by what they are. */
    static final Map<String, byte[]> POISON = poison();

    private static Map<String, byte[]> poison() {
        Map<String, byte[]> poison = new java.util.LinkedHashMap<>();
        poison.put("not JSON", "not json at all".getBytes(StandardCharsets.UTF_8));
        poison.put("a JSON array", "[]".getBytes(StandardCharsets.UTF_8));
        poison.put("JSON missing every field", "{\"schema_version\":1}".getBytes(StandardCharsets.UTF_8));
        poison.put(
                "an unknown operation type",
                ("{\"schema_version\":1,\"operation_id\":\"" + java.util.UUID.randomUUID()
                                + "\",\"operation_type\":\"DELETE_EVERYTHING\",\"params\":{}}")
                        .getBytes(StandardCharsets.UTF_8));
        poison.put("an empty value", new byte[0]);
        poison.put("invalid UTF-8", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        poison.put("500 KB of JSON string", ("\"" + "x".repeat(500_000) + "\"").getBytes(StandardCharsets.UTF_8));
        return poison;
    }

    /** Sends every kind of poison record to every partition of {@code operations.requested}; returns how many. */
    static int sendPoison(String bootstrap, int partitions) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
        int sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            for (int partition = 0; partition < partitions; partition++) {
                for (Map.Entry<String, byte[]> kind : POISON.entrySet()) {
                    producer.send(new ProducerRecord<>(
                            "operations.requested", partition, "poison-" + partition, kind.getValue()));
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    /** Dead letters of {@code operations.requested} indexed since {@code since}: total, and with a reason. */
    static long[] deadLetters(Ledger ledger, Instant since) {
        String sql = "select count(*), count(*) filter (where coalesce(reason, exception_message, '') <> '')"
                + " from dead_letters where original_topic = 'operations.requested' and dead_lettered_at >= ?";
        try (Connection connection = ledger.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the tables a rejected request must not touch. */
    static long rows(Ledger ledger) {
        try (Connection connection = ledger.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select (select count(*) from interview_sessions)"
                        + " + (select count(*) from session_messages) + (select count(*) from operations)"
                        + " + (select count(*) from admin_audit)")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(Map<String, List<String>> byAnswer) {
        return byAnswer.entrySet().stream()
                .map(e -> e.getValue().size() + " × " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 24 ? text.substring(0, 24) + "…" : text;
        return "`" + (shown.isEmpty() ? "(empty)" : shown.replace("`", "'")) + "`";
    }
}
