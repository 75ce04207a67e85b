package dev.mp4j.shm;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The end of the mp4j runtime's exit in this JVM, for the shutdown hooks that remove what a process tree made: shared
 * blocks, socket files. The JVM runs its shutdown hooks at once, all together, and the runtime's own hook waits for
 * the non-daemon children first, as Python does at exit; until they have ended they may still attach a queue of this
 * process, or connect to it. A clean-up hook therefore {@linkplain #await() waits} for the runtime before it removes
 * anything. Without a runtime (a transport used on its own) there is nothing to wait for.
 */
public final class RuntimeExit {
    private static volatile CompletionStage<?> done = CompletableFuture.completedFuture(null);

    private RuntimeExit() {}

    /**
     * Tells the clean-up hooks what to wait for; the runtime calls this once, before it registers its exit hook.
     *
     * @param runtimeExited completes, normally or not, when the runtime's exit hook has ended the children and closed
     *                      the contexts
     */
    public static void completesWith(CompletionStage<?> runtimeExited) {
        done = Objects.requireNonNull(runtimeExited, "runtimeExited");
    }

    /**
     * Blocks, in a shutdown hook, until the runtime's exit has ended (however it ended). Unbounded, like the
     * runtime's wait for its children: a JVM whose children never end does not end either.
     */
    public static void await() {
        done.toCompletableFuture().exceptionally(e -> null).join();
    }
}
