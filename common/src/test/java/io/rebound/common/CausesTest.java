package io.rebound.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CausesTest {

    private final SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
    private final UncheckedIOException wrapped = new UncheckedIOException(timeout);
    private final ExecutionException outer = new ExecutionException("call failed", wrapped);

    @Test
    void walksOutermostFirstToTheRoot() {
        assertThat(Causes.chain(outer)).containsExactly(outer, wrapped, timeout);
        assertThat(Causes.root(outer)).isSameAs(timeout);
        assertThat(Causes.root(timeout)).isSameAs(timeout);
    }

    @Test
    void findsTheOutermostOfATypeOrNothing() {
        assertThat(Causes.find(outer, IOException.class)).isSameAs(timeout);
        assertThat(Causes.find(outer, RuntimeException.class)).isSameAs(wrapped);
        assertThat(Causes.find(outer, IllegalStateException.class)).isNull();
        assertThat(Causes.first(outer, Exception.class, t -> "read timed out".equals(t.getMessage())))
                .containsSame(timeout);
        assertThat(Causes.anyOf(outer, IllegalStateException.class, SocketTimeoutException.class))
                .isTrue();
        assertThat(Causes.anyOf(outer, IllegalStateException.class)).isFalse();
    }

    @Test
    void endsOnAChainThatLoopsBack() {
        LoopingException first = new LoopingException("first");
        LoopingException second = new LoopingException("second");
        first.cause = second;
        second.cause = first;

        assertThat(Causes.chain(first)).containsExactly(first, second);
        assertThat(Causes.root(first)).isSameAs(second);
        assertThat(Causes.find(first, IOException.class)).isNull();
    }

    /** A cause that points back, as some libraries build them: getCause() is all the walk may trust. */
    private static final class LoopingException extends RuntimeException {
        private Throwable cause;

        LoopingException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable getCause() {
            return cause;
        }
    }
}
