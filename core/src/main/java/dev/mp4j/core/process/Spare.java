package dev.mp4j.core.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A spare JVM: started, booted with a warm-up task that connected to this process and made one exchange, and
 * waiting on its standard input for an {@link Assignment}. Its standard output and error are forwarded from the
 * start, so a spare that fails to warm up says why.
 *
 * @param os         the JVM
 * @param control    its standard input: the assignment goes there, and it stays open as the child's lifeline
 * @param out        forwards its standard output
 * @param err        forwards its standard error
 * @param properties the {@code mp4j.*} properties it booted with
 * @param classPath  the class path it runs on: only a child that would get the same one may take it over, as another
 *                   could hold classes of the task that this one lacks
 * @param releases   how to undo the departures of what its warm-up task holds (see
 *                   {@link dev.mp4j.core.codec.Departures}); the child that takes it over undoes them when it ends
 */
record Spare(java.lang.Process os, OutputStream control, Forwarder out, Forwarder err, Map<String, String> properties,
             String classPath, List<Runnable> releases) {

    /** @return whether the spare took the assignment; false if it is gone (its standard input is closed) */
    boolean assign(Assignment job) {
        try {
            job.writeTo(control);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks the spare to end: end of stream on its standard input, which it reads as "not needed". */
    void retire() {
        try {
            control.close();
        } catch (IOException ignored) {
            // it is gone already
        }
    }

    /** @return how to undo what the warm-up task holds, for the child that takes this spare over; none are left here */
    List<Runnable> takeReleases() {
        synchronized (releases) {
            List<Runnable> r = List.copyOf(releases);
            releases.clear();
            return r;
        }
    }

    /** Undoes what is left of the departures, once the spare has ended. */
    void releaseCopies() {
        takeReleases().forEach(Runnable::run);
    }
}
