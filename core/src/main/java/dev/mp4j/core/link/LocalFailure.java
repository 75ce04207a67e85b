package dev.mp4j.core.link;

import java.util.Locale;

/**
 * A link that ended because this process failed, not its peer: its transport thread hit an {@link Error} (out of
 * direct memory, say) and failed every link with it as the cause. Such a link's end must not be reported as the other
 * process being gone, which sends the user looking in the wrong process.
 */
final class LocalFailure {
    private LocalFailure() {}

    /** @return the {@link Error} in {@code cause}'s chain, or null if the link did not end because of one */
    static Error in(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Error e) {
                return e;
            }
        }
        return null;
    }

    /**
     * @param error what this process hit
     * @param link  what the link went to, for example "the process that owns this object (at ...)"
     * @return the words for it, with what to do
     */
    static String describe(Error error, String link) {
        return "this process lost its link to " + link + " because this process itself hit " + error
                + ", which failed every link of its transport; the other process may still be running. " + advice(error);
    }

    private static String advice(Error error) {
        if (!(error instanceof OutOfMemoryError)) {
            return "Nothing this process's transport held can be trusted after that: let this process end.";
        }
        String words = (error.getClass().getSimpleName() + " " + error.getMessage()).toLowerCase(Locale.ROOT);
        if (words.contains("direct")) {
            return "It ran out of direct memory (-XX:MaxDirectMemorySize, by default the heap's maximum): hold fewer"
                    + " direct ByteBuffers, send smaller items, or give it more with -XX:MaxDirectMemorySize="
                    + " (Process.jvmArgs(...) for a child).";
        }
        return "It ran out of memory: send smaller items, or give it more with -Xmx (Process.jvmArgs(...) for a child).";
    }
}
