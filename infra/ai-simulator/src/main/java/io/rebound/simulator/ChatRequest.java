package io.rebound.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a Chat Completions request the simulator uses.
 *
 * @param model the requested model, echoed back like the real API does
 * @param prompt every message's text, joined by newlines, in message order
 * @param userText the text of the {@code user} messages only (what varies from request to request; the request log
 *     shows its start), or the whole prompt when there is none
 */
record ChatRequest(String model, String prompt, String userText) {

    static final String DEFAULT_MODEL = "rebound-sim-1";

    static ChatRequest parse(JsonMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException(
                    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your"
                            + " HTTP library correctly.)",
                    null);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.", null);
        }
        if (root.path("stream").asBoolean(false)) {
            throw new InvalidRequestException("Streaming is not supported by the simulator.", "stream");
        }
        JsonNode messages = root.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new InvalidRequestException(
                    "'messages' is a required property and must be a non-empty array.", "messages");
        }
        List<String> texts = new ArrayList<>();
        List<String> userTexts = new ArrayList<>();
        for (JsonNode message : messages.values()) {
            if (!message.isObject()) {
                throw new InvalidRequestException("Each message must be an object.", "messages");
            }
            String text = contentText(message.path("content"));
            if (!text.isEmpty()) {
                texts.add(text);
                if ("user".equals(message.path("role").asString(""))) {
                    userTexts.add(text);
                }
            }
        }
        JsonNode model = root.path("model");
        String modelName = model.isString() && !model.stringValue().isBlank() ? model.stringValue() : DEFAULT_MODEL;
        String prompt = String.join("\n", texts);
        return new ChatRequest(modelName, prompt, userTexts.isEmpty() ? prompt : String.join("\n", userTexts));
    }

    /** Content is either a plain string or an array of typed parts, of which only text parts carry prompt text. */
    private static String contentText(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content.values()) {
            if (part.isString()) {
                parts.add(part.stringValue());
            } else if (part.path("text").isString()) {
                parts.add(part.path("text").stringValue());
            }
        }
        return String.join("\n", parts);
    }
}
