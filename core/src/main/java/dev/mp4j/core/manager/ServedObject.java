package dev.mp4j.core.manager;

/**
 * A manager-side object of one of mp4j's kinds. A method that returns one (a lock's condition, a condition's
 * lock) returns a proxy for it to the client, registered the first time.
 */
abstract class ServedObject {
    /** Set by the server when it registers the object; 0 until then. Guarded by the server's count lock. */
    long managedId;

    abstract Kind kind();
}
