package dev.mp4j.shm;

/** What a block holds; written in its {@link Header} and checked on attach. */
enum Kind {
    LOCK(LockLayout.SIZE),
    RLOCK(LockLayout.SIZE),
    SEMAPHORE(SemaphoreLayout.SIZE),
    EVENT(EventLayout.SIZE),
    CONDITION(ConditionLayout.SIZE),
    BARRIER(BarrierLayout.SIZE),
    INT(ValueLayout.sizeFor(1, Integer.BYTES)),
    LONG(ValueLayout.sizeFor(1, Long.BYTES)),
    DOUBLE(ValueLayout.sizeFor(1, Long.BYTES)),
    INT_ARRAY(-1),
    LONG_ARRAY(-1),
    DOUBLE_ARRAY(-1);

    /** The block size, or -1 where it depends on a length. */
    final int fixedSize;

    Kind(int fixedSize) {
        this.fixedSize = fixedSize;
    }

    int code() {
        return ordinal() + 1;
    }

    String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
