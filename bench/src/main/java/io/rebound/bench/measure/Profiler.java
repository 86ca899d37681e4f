package io.rebound.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service spends its CPU: a JDK Flight Recorder recording of Java stack samples only (every 10 ms), started
 * and stopped with {@code jcmd}, summarised by thread and by the library the sampled code was in.
 */
public final class Profiler {

    /** Libraries by package prefix; a sample counts for the first one found walking down from the top frame. */
    private static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("Rebound code", List.of("io.rebound."));
        LIBRARIES.put("logging", List.of("ch.qos.logback.", "org.slf4j.", "org.apache.logging."));
        LIBRARIES.put("JSON (Jackson)", List.of("tools.jackson.", "com.fasterxml."));
        LIBRARIES.put("JDBC driver + pool", List.of("org.postgresql.", "com.zaxxer."));
        LIBRARIES.put(
                "Hibernate + Spring Data/ORM",
                List.of(
                        "org.hibernate.",
                        "org.springframework.orm.",
                        "org.springframework.data.",
                        "org.springframework.transaction.",
                        "org.springframework.jdbc."));
        LIBRARIES.put("Kafka client + spring-kafka", List.of("org.apache.kafka.", "org.springframework.kafka."));
        LIBRARIES.put("Micrometer metrics + tracing", List.of("io.micrometer.", "brave."));
        LIBRARIES.put("Spring Security", List.of("org.springframework.security."));
        LIBRARIES.put(
                "Tomcat + Spring MVC",
                List.of(
                        "org.apache.catalina.",
                        "org.apache.coyote.",
                        "org.apache.tomcat.",
                        "org.springframework.web."));
        LIBRARIES.put(
                "Spring AI + OpenAI SDK", List.of("org.springframework.ai.", "com.openai.", "okhttp3.", "kotlin."));
        LIBRARIES.put("Spring core (AOP, proxies, events)", List.of("org.springframework."));
    }

    /** Shares of the CPU samples, by thread (digits folded) and by library. */
    public record Profile(long samples, Map<String, Double> byThread, Map<String, Double> byLibrary) {}

    private final long pid;
    private final Path file;

    private Profiler(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    public static Profiler start(long pid, Path file) {
        jcmd(pid, "JFR.start", "name=bench", "settings=" + settings(file.getParent()), "filename=" + file);
        return new Profiler(pid, file);
    }

    /** The recording settings: execution samples only (see cpu-samples.jfc), written next to the recordings. */
    private static Path settings(Path dir) {
        Path jfc = dir.resolve("cpu-samples.jfc");
        try (InputStream in = Profiler.class.getResourceAsStream("cpu-samples.jfc")) {
            Files.copy(in, jfc, StandardCopyOption.REPLACE_EXISTING);
            return jfc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Profile stop() {
        jcmd(pid, "JFR.stop", "name=bench");
        Map<String, Long> threads = new LinkedHashMap<>();
        Map<String, Long> libraries = new LinkedHashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                samples++;
                String thread = event.getThread("sampledThread") == null
                        ? "?"
                        : event.getThread("sampledThread").getJavaName();
                threads.merge(thread.replaceAll("\\d+", "N"), 1L, Long::sum);
                libraries.merge(library(event), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return new Profile(samples, shares(threads, samples), shares(libraries, samples));
    }

    private static String library(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return "JDK / other";
        }
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
                for (String prefix : library.getValue()) {
                    if (type.startsWith(prefix)) {
                        return library.getKey();
                    }
                }
            }
        }
        return "JDK / other";
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> shares.put(e.getKey(), e.getValue() / (double) Math.max(1, total)));
        return shares;
    }

    private static void jcmd(long pid, String... command) {
        List<String> args = new java.util.ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
