package dev.mp4j.core.manager;

/** Throws a checked exception the referent threw, unwrapped, from a proxy method that declares it. */
final class Rethrow {
    private Rethrow() {}

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
