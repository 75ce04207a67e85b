package dev.mp4j.core.link;

import java.lang.ref.Cleaner;

/**
 * Tells an owner when a handle on one of its objects is gone from this process: the handle (a queue or a proxy the
 * user holds) became unreachable and was collected. One daemon thread runs every such notice; a notice must not
 * block, and must not refer to its handle (which would keep it reachable).
 */
public final class Handles {
    private static final Cleaner CLEANER = Cleaner.create();

    private Handles() {}

    /** Runs {@code onGone} once {@code handle} is collected. */
    public static void onGone(Object handle, Runnable onGone) {
        CLEANER.register(handle, onGone);
    }
}
