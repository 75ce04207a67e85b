package dev.mp4j.shm;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Generated block names, {@code mp4j-<pid>-<n>-<random>}, unique even against leftovers of a recycled pid; and the
 * rule that keeps users' names out of mp4j's prefix, so that no name a user picks can be, or collide with, a file of
 * mp4j's own (a tree's registry, a bell, a queue's ring).
 */
final class Names {
    /** The prefix of every file mp4j makes in the shared-memory folder. */
    static final String PREFIX = "mp4j-";
    private static final Pattern GENERATED = Pattern.compile("mp4j-\\d+-\\d+-[0-9a-f]+");
    private static final AtomicLong NEXT = new AtomicLong();

    private Names() {
    }

    static String generate() {
        return "mp4j-" + ProcessLiveness.currentPid() + "-" + NEXT.incrementAndGet() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
    }

    /** @throws IllegalArgumentException if a user's name for a new block has mp4j's prefix */
    static void checkUserName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the name \"" + name + "\" starts with \"" + PREFIX + "\", which mp4j"
                    + " keeps for its own files; choose a name that does not, or let mp4j name the block");
        }
    }

    /** @throws IllegalArgumentException if a name to attach has mp4j's prefix but is not a block name it made */
    static void checkAttachable(String name) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith(PREFIX) && !GENERATED.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is the name of one of mp4j's own files, not of a"
                    + " shared-memory block: attach by a name that sharedMemory(name, size) was given, or by"
                    + " SharedMemory.name()");
        }
    }
}
