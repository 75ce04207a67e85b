package dev.mp4j.shm;

/** What a block holds; written in its {@link Header} and checked on attach. */
enum Kind {
    LOCK,
    RLOCK,
    SEMAPHORE,
    EVENT,
    CONDITION,
    BARRIER,
    INT,
    LONG,
    DOUBLE,
    INT_ARRAY,
    LONG_ARRAY,
    DOUBLE_ARRAY;

    int code() {
        return ordinal() + 1;
    }

    String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
