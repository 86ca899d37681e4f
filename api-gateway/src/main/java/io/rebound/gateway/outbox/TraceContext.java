package io.rebound.gateway.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Carries the trace of the request that wrote an outbox event over to the relay thread that publishes it, as a W3C
 * {@code traceparent}. Without tracing on the classpath both ends do nothing.
 */
@Component
class TraceContext {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    TraceContext(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** The current trace as a traceparent, or null outside a trace. */
    String current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Runs {@code work} inside a span that continues the given trace (or just runs it without one). */
    <T> T continueTrace(String traceParent, String name, Supplier<T> work) {
        if (traceParent == null) {
            return work.get();
        }
        Span span = propagator
                .extract(Map.of(TRACEPARENT, traceParent), Map::get)
                .name(name)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }
}
