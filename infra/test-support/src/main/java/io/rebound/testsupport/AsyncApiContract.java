package io.rebound.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code docs/asyncapi.yaml}, the Kafka contract other services build on, as tests read it: its channels, and each
 * message's headers and payload schema. Tests hold the code to it, so that a topic, header or schema the code uses and
 * the document does not name fails the build.
 */
public final class AsyncApiContract {

    private static final String LOCATION = "docs/asyncapi.yaml";

    private final Map<String, Object> document;

    private AsyncApiContract(Map<String, Object> document) {
        this.document = document;
    }

    /** The document of the checkout the tests run in (found from the working directory upwards). */
    public static AsyncApiContract load() {
        Path file = locate();
        try (InputStream in = Files.newInputStream(file)) {
            return new AsyncApiContract(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(LOCATION);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                LOCATION + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Every channel's Kafka topic. */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        map(document, "channels")
                .values()
                .forEach(channel -> topics.add((String) ((Map<?, ?>) channel).get("address")));
        return topics;
    }

    /** The Kafka binding of the channel whose address is {@code topic}: partitions, replicas, topicConfiguration. */
    public Map<?, ?> kafkaBinding(String topic) {
        return map(document, "channels").values().stream()
                .map(channel -> (Map<?, ?>) channel)
                .filter(channel -> topic.equals(channel.get("address")))
                .findFirst()
                .map(channel -> (Map<?, ?>) ((Map<?, ?>) channel.get("bindings")).get("kafka"))
                .orElseThrow(() -> new AssertionError(LOCATION + " has no channel for " + topic));
    }

    /** The names of the messages under {@code components.messages}. */
    public Set<String> messages() {
        return new TreeSet<>(map(map(document, "components"), "messages").keySet());
    }

    /** The header names the message documents, through its {@code $ref}s and {@code allOf}s. */
    public Set<String> headers(String message) {
        Set<String> names = new TreeSet<>();
        Object headers = message(message).get("headers");
        if (headers != null) {
            collectProperties(headers, names);
        }
        return names;
    }

    /** The file the message's payload schema is in (its {@code $ref}, relative to the document). */
    public String payloadSchema(String message) {
        return (String) ((Map<?, ?>) message(message).get("payload")).get("$ref");
    }

    /** The {@code enum} of the schema at a local pointer such as {@code #/components/schemas/X/properties/y}. */
    public List<String> enumAt(String pointer) {
        Object values = resolve(Map.of("$ref", pointer)).get("enum");
        if (!(values instanceof List<?> list)) {
            throw new AssertionError(LOCATION + ": " + pointer + " has no enum");
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** Fails when the record carries a header that the message does not document. */
    public void assertDocumented(String message, ConsumerRecord<?, ?> record) {
        Set<String> documented = headers(message);
        List<String> missing = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!documented.contains(header.key())) {
                missing.add(header.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("a record on " + record.topic() + " carries headers " + missing + " that "
                    + LOCATION + " does not document for " + message + " (it documents " + documented + ")");
        }
    }

    private Map<String, Object> message(String name) {
        Map<String, Object> message = map(map(map(document, "components"), "messages"), name);
        if (message == null) {
            throw new AssertionError(LOCATION + " has no message " + name);
        }
        return message;
    }

    private void collectProperties(Object schema, Set<String> names) {
        Map<?, ?> node = resolve(schema);
        Object properties = node.get("properties");
        if (properties instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> names.add((String) key));
        }
        if (node.get("allOf") instanceof List<?> parts) {
            parts.forEach(part -> collectProperties(part, names));
        }
    }

    /** Follows a local {@code $ref} such as {@code #/components/schemas/TraceHeaders}. */
    private Map<?, ?> resolve(Object schema) {
        Map<?, ?> node = (Map<?, ?>) schema;
        Object ref = node.get("$ref");
        if (!(ref instanceof String pointer) || !pointer.startsWith("#/")) {
            return node;
        }
        Object target = document;
        for (String part : pointer.substring(2).split("/")) {
            target = ((Map<?, ?>) target).get(part);
            if (target == null) {
                throw new AssertionError(LOCATION + ": " + pointer + " points nowhere");
            }
        }
        return resolve(target);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}
