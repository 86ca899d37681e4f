package io.rebound.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AiSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String BACKEND = "Role: Backend engineer\nWrite one interview question.";

    private static AiSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = AiSimulator.start(0, Duration.ZERO);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void resetSimulator() {
        simulator.clearFaults();
        simulator.resetRequests();
    }

    @Test
    void listensOnTheLoopbackInterfaceOnly() throws Exception {
        // Its fault API has no authentication: nobody on the network may make the AI fail.
        InetAddress external = java.util.Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nic -> !isLoopback(nic))
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof java.net.Inet4Address)
                .findFirst()
                .orElse(null);
        assumeTrue(external != null, "this machine has no address but loopback");

        try (Socket local = new Socket(InetAddress.getLoopbackAddress(), simulator.port())) {
            assertThat(local.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> new Socket(external, simulator.port()).close()).isInstanceOf(ConnectException.class);
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback() || !nic.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Test
    void answersAQuestionFromTheRolesBankThatChangesOnConsecutiveCalls() throws Exception {
        String first = content(chat(BACKEND));
        String second = content(chat(BACKEND));

        List<String> backendBank = QuestionBank.questions(QuestionBank.Family.BACKEND);
        assertThat(backendBank).contains(first, second);
        assertThat(second).isNotEqualTo(first);
        assertThat(QuestionBank.questions(QuestionBank.Family.FRONTEND))
                .contains(content(chat("Role: Frontend developer\nAsk a question.")));
    }

    @Test
    void answersInTheOpenAiChatCompletionShape() throws Exception {
        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "Role: SRE\"}]}",
                "Bearer sk-anything");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("id").stringValue()).startsWith("chatcmpl-");
        assertThat(body.path("object").stringValue()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isCloseTo(Instant.now().getEpochSecond(), within(5L));
        assertThat(body.path("model").stringValue()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("system_fingerprint").stringValue()).isEqualTo("rebound-sim");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(choice.has("logprobs") && choice.get("logprobs").isNull()).isTrue();
        assertThat(choice.path("message").path("role").stringValue()).isEqualTo("assistant");
        assertThat(choice.path("message").get("refusal").isNull()).isTrue();
        assertThat(QuestionBank.questions(QuestionBank.Family.DEVOPS))
                .contains(choice.path("message").path("content").stringValue());
        JsonNode usage = body.path("usage");
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt()
                        + usage.path("completion_tokens").asInt())
                .isPositive();
    }

    @Test
    void acceptsContentAsTextPartsWithoutV1PrefixOrAuthorization() throws Exception {
        HttpResponse<String> response = post(
                "/chat/completions",
                "{\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"Role: Data scientist\"}]},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"One question please.\"}]}]}",
                null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("model").stringValue()).isEqualTo("rebound-sim-1");
        assertThat(QuestionBank.questions(QuestionBank.Family.DATA)).contains(content(response));
    }

    @Test
    void writesFeedbackThatQuotesTheAnswerAndAsksShortAnswersForDetail() throws Exception {
        String prompt = "Question: How do you handle retries against a flaky dependency?\n"
                + "Candidate answer: I add exponential backoff with jitter.\n"
                + "Give constructive feedback.";

        String feedback = content(chat(prompt));

        assertThat(feedback)
                .contains("I add exponential backoff")
                .contains("very short")
                .contains("example")
                .contains("How do you handle retries");
        assertThat(simulator.requests().recent()).singleElement().satisfies(request -> {
            assertThat(request.kind()).isEqualTo("feedback");
            assertThat(request.status()).isEqualTo(200);
        });
    }

    @Test
    void writesAModelAnswerToTheTaggedQuestionForTheRole() throws Exception {
        String prompt =
                "<role>Site reliability engineer</role>\n<question>How do you run an incident review?</question>\n"
                        + "Write a model answer to this interview question.";

        String answer = content(chat(prompt));

        assertThat(answer)
                .contains("\"How do you run an incident review?\"")
                .contains("as a site reliability engineer")
                .contains("For example");
        assertThat(simulator.requests().recent())
                .singleElement()
                .satisfies(request -> assertThat(request.kind()).isEqualTo("model_answer"));
    }

    @Test
    void saysWhatItCanDoWhenAPromptAsksForNoneOfItsTasks() throws Exception {
        String answer = content(chat("Translate 'good morning' into French."));

        assertThat(answer).isEqualTo(CompletionHandler.UNRECOGNISED_ANSWER);
        assertThat(simulator.requests().recent())
                .singleElement()
                .satisfies(request -> assertThat(request.kind()).isEqualTo("unrecognised"));
    }

    @Test
    void failsAsManyTimesAsTheFaultSaysThenRecovers() throws Exception {
        addFaultOverHttp("{\"status\":503,\"times\":2}");

        assertThat(chat(BACKEND).statusCode()).isEqualTo(503);
        HttpResponse<String> second = chat(BACKEND);
        assertThat(chat(BACKEND).statusCode()).isEqualTo(200);

        JsonNode error = JSON.readTree(second.body()).path("error");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(error.path("type").stringValue()).isEqualTo("server_error");
        assertThat(error.path("message").stringValue()).contains("overloaded");
        assertThat(error.has("param") && error.has("code")).isTrue();
        assertThat(second.headers().firstValue("x-request-id")).isPresent();
        assertThat(simulator.requests().total()).isEqualTo(3);
        assertThat(simulator.requests().recent())
                .extracting(RequestStats.Request::status)
                .containsExactly(503, 503, 200);
    }

    @Test
    void keepsAnUnlimitedFaultUntilFaultsAreDeleted() throws Exception {
        simulator.addFault(Fault.error(500));
        for (int i = 0; i < 3; i++) {
            assertThat(chat(BACKEND).statusCode()).isEqualTo(500);
        }
        assertThat(JSON.readTree(get("/admin/faults").body()).path("faults")).hasSize(1);

        HttpResponse<String> deleted = send(request("/admin/faults").DELETE().build());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(get("/admin/faults").body()).path("faults")).isEmpty();
        assertThat(chat(BACKEND).statusCode()).isEqualTo(200);
    }

    @Test
    void sendsRetryAfterHeadersWithRateLimitErrors() throws Exception {
        simulator.addFault(
                Fault.error(429).withTimes(1).withRetryAfterSeconds(2).withRetryAfterMs(1500));

        HttpResponse<String> response = chat(BACKEND);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("1500");
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").stringValue()).isEqualTo("requests");
        assertThat(error.path("code").stringValue()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void answersInsufficientQuotaInTheOpenAiShape() throws Exception {
        addFaultOverHttp("{\"status\":429,\"error_code\":\"insufficient_quota\",\"times\":1}");

        HttpResponse<String> response = chat(BACKEND);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree("{\"error\":{\"message\":\"You exceeded your current quota, please check your"
                        + " plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
                        + "\"code\":\"insufficient_quota\"}}"));
    }

    @Test
    void appliesAPromptFilteredFaultOnlyToMatchingPromptsAndCountsThemByRule() throws Exception {
        JsonNode rule = addFaultOverHttp("{\"status\":502,\"when_prompt_contains\":\"POISON\",\"times\":5}");
        assertThat(rule.path("id").stringValue()).isNotBlank();
        assertThat(rule.path("when_prompt_contains").stringValue()).isEqualTo("POISON");

        assertThat(chat(BACKEND).statusCode()).isEqualTo(200);
        assertThat(chat(BACKEND + " POISON").statusCode()).isEqualTo(502);
        assertThat(chat(BACKEND + " poison").statusCode()).isEqualTo(200);

        JsonNode listed =
                JSON.readTree(get("/admin/faults").body()).path("faults").get(0);
        assertThat(listed.path("times").asInt()).isEqualTo(4);
        JsonNode stats = JSON.readTree(get("/admin/requests").body());
        assertThat(stats.path("total").asInt()).isEqualTo(3);
        assertThat(stats.path("by_rule").path("POISON").asInt()).isEqualTo(1);
        assertThat(simulator.requests().countFor("POISON")).isEqualTo(1);
    }

    @Test
    void delaysTheAnswerByTheFaultsDelay() throws Exception {
        simulator.addFault(Fault.delayed(300).withTimes(1));
        HttpRequest request =
                chatRequest(BACKEND).timeout(Duration.ofSeconds(3)).build();

        long start = System.nanoTime();
        HttpResponse<String> response = send(request);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
        assertThat(QuestionBank.questions(QuestionBank.Family.BACKEND)).contains(content(response));
    }

    @Test
    void answersARefusalWithNullContent() throws Exception {
        addFaultOverHttp("{\"refusal\":true,\"times\":1}");

        JsonNode message =
                JSON.readTree(chat(BACKEND).body()).path("choices").get(0).path("message");

        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.path("refusal").stringValue()).isEqualTo("I can't help with that.");
    }

    @Test
    void rejectsBadJsonMissingMessagesAndStreamingWith400() throws Exception {
        for (String body : List.of(
                "{not json",
                "{\"model\":\"x\"}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}")) {
            HttpResponse<String> response = post("/v1/chat/completions", body, null);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(error.path("type").stringValue()).isEqualTo("invalid_request_error");
            assertThat(error.path("message").stringValue()).isNotBlank();
        }
        assertThat(simulator.requests().total()).isEqualTo(3);
    }

    @Test
    void recordsArrivalTimesInOrderWithMilliseconds() throws Exception {
        for (int i = 0; i < 3; i++) {
            chat(BACKEND);
            Thread.sleep(20);
        }

        String json = get("/admin/requests").body();
        JsonNode stats = JSON.readTree(json);

        assertThat(JSON.readValue(json, RequestStats.class)).isEqualTo(simulator.requests());
        List<Instant> times = new ArrayList<>();
        for (JsonNode request : stats.path("recent").values()) {
            String at = request.path("at").stringValue();
            assertThat(at).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(request.path("kind").stringValue()).isEqualTo("question");
            assertThat(request.path("prompt_excerpt").stringValue()).startsWith("Role: Backend engineer");
            times.add(Instant.parse(at));
        }
        assertThat(times).hasSize(3).isSorted();
        assertThat(Duration.between(times.get(0), times.get(2)).toMillis()).isGreaterThanOrEqualTo(40);

        assertThat(send(request("/admin/requests").DELETE().build()).statusCode())
                .isEqualTo(204);
        assertThat(simulator.requests().total()).isZero();
        assertThat(simulator.requests().recent()).isEmpty();
    }

    @Test
    void answersHealthUnknownPathsAndWrongMethodsWithJson() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body())).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));

        HttpResponse<String> unknown = get("/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").isObject()).isTrue();

        HttpResponse<String> wrongMethod = get("/v1/chat/completions");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).path("error").isObject()).isTrue();

        HttpResponse<String> badFault = post("/admin/faults", "{\"times\":0}", null);
        assertThat(badFault.statusCode()).isEqualTo(400);
        assertThat(simulator.baseUrl()).isEqualTo("http://localhost:" + simulator.port());
    }

    private static JsonNode addFaultOverHttp(String json) throws Exception {
        HttpResponse<String> response = post("/admin/faults", json, null);
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    @Test
    void theRequestLogShowsTheStartOfTheUserMessagesAfterALongSystemMessage() throws Exception {
        Map<String, Object> body = Map.of(
                "model",
                "gpt-4o-mini",
                "messages",
                List.of(
                        Map.of("role", "system", "content", "You are an interviewer. ".repeat(10)),
                        Map.of("role", "user", "content", "<role>Backend engineer</role>\nWrite a question.")));
        HttpResponse<String> response = send(request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(QuestionBank.questions(QuestionBank.Family.BACKEND)).contains(content(response));
        assertThat(simulator.requests().recent())
                .singleElement()
                .satisfies(request -> assertThat(request.promptExcerpt())
                        .isEqualTo("<role>Backend engineer</role>\nWrite a question."));
    }

    private static HttpResponse<String> chat(String prompt) throws Exception {
        return send(chatRequest(prompt).build());
    }

    private static HttpRequest.Builder chatRequest(String prompt) {
        Map<String, Object> body =
                Map.of("model", "gpt-4o-mini", "messages", List.of(Map.of("role", "user", "content", prompt)));
        return request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static String content(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body())
                .path("choices")
                .get(0)
                .path("message")
                .path("content")
                .stringValue();
    }

    private static HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder.build());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).timeout(Duration.ofSeconds(2));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
