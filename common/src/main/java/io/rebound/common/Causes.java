package io.rebound.common;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Walking an error's chain of causes, the one way every service does it: outermost first, and safe against a cause
 * that is the error itself or loops back (some libraries build such chains).
 */
public final class Causes {

    private Causes() {}

    /** The error and its causes, outermost first, each once. */
    public static Stream<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Stream.iterate(failure, t -> t != null && seen.add(t), Throwable::getCause);
    }

    /** The innermost cause, which says what actually went wrong; the error itself when it has none. */
    public static Throwable root(Throwable failure) {
        return chain(failure).reduce((outer, inner) -> inner).orElse(failure);
    }

    /** The outermost error of the chain that is a {@code type}, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        return first(failure, type, t -> true).orElse(null);
    }

    /** The outermost error of the chain that is a {@code type} and passes {@code test}. */
    public static <T extends Throwable> Optional<T> first(Throwable failure, Class<T> type, Predicate<T> test) {
        return chain(failure)
                .filter(type::isInstance)
                .map(type::cast)
                .filter(test)
                .findFirst();
    }

    /** Whether any error of the chain is one of {@code types}. */
    @SafeVarargs
    public static boolean anyOf(Throwable failure, Class<? extends Throwable>... types) {
        return chain(failure).anyMatch(t -> Stream.of(types).anyMatch(type -> type.isInstance(t)));
    }
}
