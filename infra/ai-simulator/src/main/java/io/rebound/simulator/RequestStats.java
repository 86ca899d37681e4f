package io.rebound.simulator;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the simulator has received since the last reset, as served by {@code GET /admin/requests}.
 *
 * @param total completion requests received, including faulted and invalid ones
 * @param byRule for each {@code when_prompt_contains} text of a rule added since the last reset (or still active at
 *     it), how many completion prompts contained it
 * @param recent the last requests, oldest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestStats(
        @JsonProperty("total") long total,
        @JsonProperty("by_rule") Map<String, Long> byRule,
        @JsonProperty("recent") List<Request> recent) {

    /**
     * One completion request.
     *
     * @param at when the request arrived (not when it was answered), so gaps between client retries can be measured
     * @param kind {@code question}, {@code feedback}, or {@code invalid} for a request rejected with 400
     * @param status the HTTP status answered; {@code null} while the request is still being served
     * @param promptExcerpt the first 120 characters of the prompt's user messages (the whole prompt's without any)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Request(
            @JsonProperty("at")
            @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSX", timezone = "UTC")
            Instant at,

            @JsonProperty("kind") String kind,
            @JsonProperty("status") Integer status,
            @JsonProperty("prompt_excerpt") String promptExcerpt) {}

    /** How many prompts contained the given rule text, 0 if none or if the text is not tracked. */
    public long countFor(String whenPromptContains) {
        return byRule.getOrDefault(whenPromptContains, 0L);
    }
}
