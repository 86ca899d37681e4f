package io.rebound.gateway;

import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Settings the gateway refuses to start without; Boot prints it as a failure analysis (description + action). */
class MissingSettingsException extends IllegalStateException {

    MissingSettingsException(List<String> missing) {
        super("Rebound's api-gateway refuses to start: not set: " + String.join(", ", missing) + ".");
    }

    /** Registered in META-INF/spring.factories. */
    static class Analyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
            return new FailureAnalysis(
                    cause.getMessage(),
                    "Set them in the environment. To run against the local stack with its demo values instead, start"
                            + " with the local profile (SPRING_PROFILES_ACTIVE=local), as `make run` does.",
                    cause);
        }
    }
}
