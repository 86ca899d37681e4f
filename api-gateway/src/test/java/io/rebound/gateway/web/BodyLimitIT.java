package io.rebound.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies are limited by the bytes the gateway reads, not by what {@code Content-Length} claims: a chunked body (no
 * length at all) over the limit is refused with 413 problem+json on every endpoint, including sign-in, and the rest
 * of it is never read.
 */
class BodyLimitIT extends GatewayIT {

    @Autowired
    JsonMapper json;

    private static final long SIXTY_MB = 60L * 1024 * 1024;
    private static final long LIMIT = 1024 * 1024;

    @Test
    void aChunked60MbSignInIsRefusedWith413WithoutReadingTheRest() throws Exception {
        // The attack of the issue: a CSRF token first (anyone may have one), so that the body reaches the sign-in.
        HttpResponse<String> csrf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/auth/csrf"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String token = csrf.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
                .map(cookie -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
                .findFirst()
                .orElseThrow();
        String headers = "Cookie: XSRF-TOKEN=" + token + "\r\nX-XSRF-TOKEN: " + token + "\r\n";
        long rssBefore = rssKb();

        // Whitespace: no string or name limit of Jackson's applies, only the bytes read.
        ChunkedPost post = ChunkedPost.send(port, "/api/v1/auth/login", headers, "{\"email\":", ' ', SIXTY_MB);
        System.out.printf(
                "chunked 60 MB sign-in: %d, client sent %d KiB before the answer, test JVM RSS %d -> %d MiB%n",
                post.status(), post.bytesSent() / 1024, rssBefore / 1024, rssKb() / 1024);

        assertTooLarge(post);
        // What the client got onto the wire before the answer: the limit plus socket buffers, not 60 MB.
        assertThat(post.bytesSent()).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void aChunkedBodyRefusedForAnotherReasonIsNotReadEither() throws Exception {
        ChunkedPost post = ChunkedPost.send(port, "/api/v1/sessions", null, SIXTY_MB);

        assertThat(post.status()).as(post.response()).isEqualTo(401);
        assertThat(post.bytesSent()).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413OnAnAuthenticatedEndpointToo() throws Exception {
        assertTooLarge(ChunkedPost.send(port, "/api/v1/sessions", basic("ada@example.com"), 4 * LIMIT));
        assertTooLarge(
                ChunkedPost.send(port, "/api/v1/admin/dead-letters/redrive", basic("sre@example.com"), 4 * LIMIT));
    }

    @Test
    void aChunkedBodyUnderTheLimitStillWorks() throws Exception {
        String basic = basic("ada@example.com");
        byte[] body = "{\"role\":\"Backend engineer\"}".getBytes(StandardCharsets.UTF_8);

        ChunkedPost post = ChunkedPost.send(port, "/api/v1/sessions", basic, body);

        assertThat(post.status()).as(post.response()).isEqualTo(201);
    }

    @Test
    void jsonOverTheStringAndNestingLimitsIsRefusedBeforeBinding() {
        ApiClient ada = ada();

        ApiClient.Response longString = ada.post("/api/v1/sessions", "{\"role\":\"" + "x".repeat(70_000) + "\"}");

        assertThat(longString.status()).as(longString.toString()).isEqualTo(413);
        assertThat(longString.text("code")).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(longString.contentType()).startsWith("application/problem+json");
        StreamReadConstraints constraints = json.tokenStreamFactory().streamReadConstraints();
        assertThat(constraints.getMaxDocumentLength()).isEqualTo(LIMIT);
        assertThat(constraints.getMaxNestingDepth()).isEqualTo(32);
    }

    private static String basic(String email) {
        String credentials = email + ":" + PASSWORD;
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    private static void assertTooLarge(ChunkedPost post) {
        assertThat(post.status()).as(post.response()).isEqualTo(413);
        assertThat(post.header("content-type")).startsWith("application/problem+json");
        assertThat(post.json().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    private static long rssKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElse(0L);
    }

    /**
     * A POST with {@code Transfer-Encoding: chunked}, written on a raw socket by one thread while another reads the
     * answer, as an attacker's client would: it keeps sending until the server answers or closes.
     */
    record ChunkedPost(String response, long bytesSent) {

        /** One JSON string that never ends: {"role":"xxxx... */
        static ChunkedPost send(int port, String path, String headers, long bytes) throws Exception {
            return send(port, path, headers, "{\"role\":\"", 'x', bytes);
        }

        static ChunkedPost send(int port, String path, String headers, String start, char filler, long bytes)
                throws Exception {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) filler);
            return send(port, path, headers, start.getBytes(StandardCharsets.US_ASCII), chunk, bytes);
        }

        static ChunkedPost send(int port, String path, String headers, byte[] body) throws Exception {
            return send(port, path, headers, body, new byte[0], body.length);
        }

        private static ChunkedPost send(int port, String path, String headers, byte[] first, byte[] chunk, long bytes)
                throws Exception {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(30_000);
                AtomicLong sent = new AtomicLong();
                CompletableFuture<Void> writer =
                        CompletableFuture.runAsync(() -> write(socket, path, headers, first, chunk, bytes, sent));
                String response = readAll(socket.getInputStream());
                writer.get(30, TimeUnit.SECONDS);
                return new ChunkedPost(response, sent.get());
            }
        }

        private static void write(
                Socket socket, String path, String headers, byte[] first, byte[] chunk, long bytes, AtomicLong sent) {
            try {
                OutputStream out = socket.getOutputStream();
                String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + (headers == null ? "" : headers) + "\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                writeChunk(out, first, first.length);
                sent.addAndGet(first.length);
                while (sent.get() < bytes) {
                    int n = (int) Math.min(chunk.length, bytes - sent.get());
                    writeChunk(out, chunk, n);
                    sent.addAndGet(n);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the server answered and closed the connection: what an attacker's client sees too
            }
        }

        private static void writeChunk(OutputStream out, byte[] chunk, int n) throws IOException {
            if (n > 0) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }

        /** The answer up to its end (the server closes after a 413) or the end of its chunked body. */
        private static String readAll(InputStream in) throws IOException {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                    String text = received.toString(StandardCharsets.UTF_8);
                    if (text.contains("\r\n\r\n") && complete(text)) {
                        break;
                    }
                }
            } catch (IOException e) {
                // reset after the answer: keep what arrived
            }
            return received.toString(StandardCharsets.UTF_8);
        }

        private static boolean complete(String text) {
            String head = text.substring(0, text.indexOf("\r\n\r\n")).toLowerCase();
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            if (head.contains("transfer-encoding: chunked")) {
                return body.endsWith("0\r\n\r\n");
            }
            int at = head.indexOf("content-length:");
            return at >= 0
                    && body.getBytes(StandardCharsets.UTF_8).length
                            >= Integer.parseInt(
                                    head.substring(at + 15).split("\r\n")[0].trim());
        }

        int status() {
            return response.isEmpty() ? -1 : Integer.parseInt(response.split(" ", 3)[1]);
        }

        String header(String name) {
            for (String line : response.split("\r\n")) {
                if (line.toLowerCase().startsWith(name + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
                if (line.isEmpty()) {
                    break;
                }
            }
            return "";
        }

        JsonNode json() {
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (header("transfer-encoding").equals("chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return JsonMapper.builder().build().readTree(body);
        }
    }
}
