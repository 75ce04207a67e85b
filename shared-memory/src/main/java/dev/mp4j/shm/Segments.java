package dev.mp4j.shm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mappings of structure blocks in this JVM, one per name, so that an object received many times (a lock
 * captured by every task) maps its block once. Structure blocks are small and stay mapped while the JVM
 * lives; the JDK cannot unmap on demand anyway.
 */
final class Segments {
    private static final Map<String, MappedSegment> MAPPED = new ConcurrentHashMap<>();

    private Segments() {
    }

    static MappedSegment adopt(MappedSegment created) {
        MAPPED.put(created.name(), created);
        return created;
    }

    static MappedSegment attach(String name, Kind kind) {
        MappedSegment s = MAPPED.get(name);
        if (s != null) {
            return s;
        }
        return MAPPED.computeIfAbsent(name, n -> MappedSegment.attach(n, kind));
    }
}
