package io.rebound.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible Chat Completions server with a fault API, for local runs and tests. It answers interview
 * questions and feedback without any model, and can be told over HTTP (or through this class) to fail, slow down or
 * refuse, so that retry and dead-letter handling can be exercised deterministically.
 */
public final class AiSimulator implements AutoCloseable {

    static final int DEFAULT_PORT = 8090;
    static final long DEFAULT_LATENCY_MS = 300;

    private static final int ACCEPT_BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final FaultRegistry faults = new FaultRegistry();
    private final RequestLog log = new RequestLog();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AiSimulator(InetAddress host, int port, Duration latency) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Router router = new Router(json);
        CompletionHandler completions = new CompletionHandler(json, latency, faults, log);
        router.route("POST", "/v1/chat/completions", completions::handle)
                .route("POST", "/chat/completions", completions::handle);
        new AdminHandler(json, this).register(router);

        // A real provider takes hundreds of connections at once; the JDK's default accept backlog (50) dropped the rest
        // of a burst, whose clients then waited a second to connect again.
        server = HttpServer.create(new InetSocketAddress(host, port), ACCEPT_BACKLOG);
        server.createContext("/", router);
        // A cached pool rather than a fixed one: delay faults park threads for seconds, and a fixed pool would queue
        // unrelated requests behind them, distorting the timings the tests measure.
        executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a simulator.
     *
     * @param port the port to listen on, on the loopback interface only; 0 picks a free one
     * @param latency how long every completion waits before answering; zero is allowed
     */
    public static AiSimulator start(int port, Duration latency) {
        return start(InetAddress.getLoopbackAddress(), port, latency);
    }

    /**
     * Starts the simulator on the given interface. Its fault API has no authentication, so anything but the loopback
     * interface lets anyone who can reach the machine make the AI fail: choose another one only on a closed network.
     */
    public static AiSimulator start(InetAddress host, int port, Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
        try {
            return new AiSimulator(host, port, latency);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start the AI simulator on " + host.getHostAddress() + ":" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:<port>}, without a trailing slash or {@code /v1}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Same as {@code POST /admin/faults}. */
    public void addFault(Fault fault) {
        addRule(fault);
    }

    /** Same data as {@code GET /admin/requests}. */
    public RequestStats requests() {
        return log.snapshot();
    }

    public void resetRequests() {
        log.reset(faults.activeNeedles());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    FaultRegistry.Rule addRule(Fault fault) {
        FaultRegistry.Rule rule = faults.add(fault);
        if (fault.whenPromptContains() != null) {
            log.track(fault.whenPromptContains());
        }
        return rule;
    }

    List<FaultRegistry.Rule> faultRules() {
        return faults.list();
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("AI_SIMULATOR_PORT", String.valueOf(DEFAULT_PORT)));
        long latencyMs = Long.parseLong(env("AI_SIMULATOR_LATENCY_MS", String.valueOf(DEFAULT_LATENCY_MS)));
        String host = System.getenv("AI_SIMULATOR_HOST");
        InetAddress address;
        try {
            address = host == null || host.isBlank()
                    ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(host.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("AI_SIMULATOR_HOST is not an address of this machine: " + host, e);
        }
        AiSimulator simulator = start(address, port, Duration.ofMillis(latencyMs));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "ai-simulator-shutdown"));
        System.out.println("AI simulator listening on " + address.getHostAddress() + ":" + simulator.port()
                + " (" + simulator.baseUrl() + "; OpenAI base URL "
                + simulator.baseUrl() + "/v1, latency " + latencyMs + " ms)");
        // The server threads are daemons, so the main thread is what keeps the process alive until it is killed.
        Thread.currentThread().join();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "ai-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
