package io.rebound.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request may make the gateway read, under {@code rebound.http}. No request of the API needs more than a few
 * KiB (an answer is at most 10,000 characters); the limits are there so that a huge or deeply nested body costs the
 * gateway nothing.
 *
 * @param maxBodySize bytes of a request body the gateway reads (whatever {@code Content-Length} says, chunked or not);
 *     also Tomcat's form-post and swallow sizes and Jackson's document length
 * @param maxJsonStringLength characters of one JSON string value or name
 * @param maxJsonNestingDepth levels of nested JSON objects and arrays
 */
@ConfigurationProperties("rebound.http")
public record HttpLimits(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("65536") int maxJsonStringLength,
        @DefaultValue("32") int maxJsonNestingDepth) {

    int maxBodyBytes() {
        return (int) Math.min(Integer.MAX_VALUE, maxBodySize.toBytes());
    }
}
