package dev.mp4j.core.manager;

import java.io.Serializable;
import java.util.Objects;

/** The check on a function a proxy sends to run in the manager. */
final class Functions {
    private Functions() {}

    /**
     * @param cast how to write it, shown in the message
     * @throws IllegalArgumentException if {@code fn} is not serializable, naming the cast to use
     */
    static <F> F serializable(F fn, String method, String cast) {
        Objects.requireNonNull(fn, "function");
        if (!(fn instanceof Serializable)) {
            throw new IllegalArgumentException("the function passed to " + method + " runs in the manager, so it must "
                    + "be serializable; " + fn.getClass().getName() + " is not: cast the lambda, as in " + cast);
        }
        return fn;
    }
}
