package io.rebound.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** Serves {@code POST /v1/chat/completions}: records the request, applies the first matching fault, answers. */
final class CompletionHandler {

    static final String REFUSAL = "I can't help with that.";

    /** The simulator plays an interviewer: a prompt asking for none of its tasks is told which ones it can do. */
    static final String UNRECOGNISED_ANSWER = "I am an interview simulator: I can ask an interview question, give"
            + " feedback on a candidate's answer (in <candidate_answer> tags) or write a model answer to a question (in"
            + " <question> tags).";

    private final JsonMapper json;
    private final Duration latency;
    private final FaultRegistry faults;
    private final RequestLog log;
    private final QuestionBank questions = new QuestionBank();
    private final FeedbackWriter feedback = new FeedbackWriter();
    private final ModelAnswerWriter modelAnswers = new ModelAnswerWriter();

    CompletionHandler(JsonMapper json, Duration latency, FaultRegistry faults, RequestLog log) {
        this.json = json;
        this.latency = latency;
        this.faults = faults;
        this.log = log;
    }

    void handle(HttpExchange exchange) throws IOException {
        // Recorded before anything else so that "at" is the arrival time, which is what retry-gap checks need.
        RequestLog.Entry entry = log.arrived();
        exchange.getResponseHeaders().set("x-request-id", "req_" + randomId());
        byte[] body = HttpIo.readBody(exchange);
        ChatRequest request;
        try {
            request = ChatRequest.parse(json, body);
        } catch (InvalidRequestException e) {
            entry.describe("invalid", new String(body, StandardCharsets.UTF_8));
            entry.answered(400);
            HttpIo.sendJson(
                    exchange, json, 400, OpenAiBodies.error(e.getMessage(), "invalid_request_error", e.param(), null));
            return;
        }
        String prompt = request.prompt();
        Task task = Task.of(prompt);
        entry.describe(task.logName(), request.userText());
        log.countPrompt(prompt);
        Optional<Fault> fault = faults.consume(prompt);

        long waitMs = fault.map(Fault::delayMs).map(Integer::longValue).orElse(latency.toMillis());
        if (!sleep(waitMs)) {
            return; // the simulator is shutting down
        }
        if (fault.isPresent() && fault.get().answersWithError()) {
            answerFault(exchange, entry, fault.get());
            return;
        }
        OpenAiBodies.Message message = fault.isPresent() && fault.get().answersWithRefusal()
                ? new OpenAiBodies.Message(
                        "assistant",
                        null,
                        Optional.ofNullable(fault.get().message()).orElse(REFUSAL))
                : new OpenAiBodies.Message("assistant", write(task, prompt), null);
        // Set before sending so a client reading /admin/requests right after its answer sees the final status.
        entry.answered(200);
        HttpIo.sendJson(exchange, json, 200, completion(request, message));
    }

    private String write(Task task, String prompt) {
        return switch (task) {
            case FEEDBACK -> feedback.write(prompt);
            case MODEL_ANSWER -> modelAnswers.write(prompt);
            case QUESTION -> questions.next(prompt);
            case UNRECOGNISED -> UNRECOGNISED_ANSWER;
        };
    }

    private void answerFault(HttpExchange exchange, RequestLog.Entry entry, Fault fault) throws IOException {
        if (fault.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        if (fault.retryAfterMs() != null) {
            exchange.getResponseHeaders().set("retry-after-ms", String.valueOf(fault.retryAfterMs()));
        }
        entry.answered(fault.status());
        HttpIo.sendJson(
                exchange,
                json,
                fault.status(),
                OpenAiBodies.errorFor(fault.status(), fault.errorCode(), fault.message()));
    }

    private static OpenAiBodies.ChatCompletion completion(ChatRequest request, OpenAiBodies.Message message) {
        int promptTokens = tokens(request.prompt());
        int completionTokens = tokens(message.content() != null ? message.content() : message.refusal());
        return new OpenAiBodies.ChatCompletion(
                "chatcmpl-" + randomId(),
                OpenAiBodies.OBJECT,
                Instant.now().getEpochSecond(),
                request.model(),
                List.of(new OpenAiBodies.Choice(0, message, null, "stop")),
                new OpenAiBodies.Usage(promptTokens, completionTokens, promptTokens + completionTokens),
                OpenAiBodies.FINGERPRINT);
    }

    /** Roughly four characters per token, the usual rule of thumb for English text. */
    private static int tokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static boolean sleep(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
