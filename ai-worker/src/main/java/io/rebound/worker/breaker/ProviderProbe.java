package io.rebound.worker.breaker;

/** Calls the AI provider once with a tiny prompt, as operations do; throws the provider's error unchanged. */
@FunctionalInterface
public interface ProviderProbe {

    void probe(String prompt);
}
