package dev.mp4j.transport.chronicle;

import dev.mp4j.MpException;
import dev.mp4j.NoTransportException;
import dev.mp4j.Queue;
import dev.mp4j.runtime.Token;

import java.io.ObjectStreamException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Queues whose items survive every process: journaled in a folder the user names, where they stay until taken,
 * through {@code kill -9} of every process that uses them and a restart of the program. Python's
 * {@code multiprocessing} has nothing like it.
 *
 * <pre>{@code
 * Queue<String> jobs = DurableQueues.open(Path.of("/var/lib/myapp/queues"), "jobs");
 * jobs.put("resize photo 17");          // journaled before put returns
 * // ... the program is killed, and started again ...
 * String job = jobs.take();             // "resize photo 17", exactly once
 * }</pre>
 *
 * <p><b>Where.</b> A queue named {@code n} in folder {@code f} is the file {@code f/n.state} (who took what: a few
 * KiB) and the journal folder {@code f/n}: Chronicle Queue files, one per day ({@code yyyyMMdd'L'.cq4}, UTC), each
 * mapped in blocks of 256 MiB that take disk space only as items fill them. The folder is made {@code rwx------} if
 * it does not exist. mp4j never removes the folder or the state; the consumer that takes the first item of a day
 * removes the files of the days before it, every item in them having been taken (a process still reading one keeps
 * its mapping). Put the folder on a local disk: a memory file system ({@code /dev/shm}) keeps items through the
 * death of processes but not of the machine.
 *
 * <p><b>Who.</b> Any process may open a queue by folder and name, at the same time as any other: processes of one
 * tree, of several, and unrelated JVMs. Each item is taken exactly once by one of them, across restarts: the claims
 * are in the state file too. A queue object sent to a process of a {@code chronicle} context (captured by a task,
 * put in a queue) opens the same queue there.
 *
 * <p><b>Deaths.</b> An item put is in the journal, whole, once {@code put} returns. A producer killed during
 * {@code put} adds the item whole or not at all; a consumer killed during {@code take} loses at most the item it
 * was taking. Items are never lost to a machine's crash only if the file system keeps what was written to a mapped
 * file, which Linux does once it has written the page back (seconds); mp4j does not {@code fsync}.
 *
 * <p><b>Queue.</b> The returned queue is unbounded, FIFO per producer, and behaves as any mp4j {@link Queue}:
 * blocking calls spin briefly, then sleep until a producer rings; {@code close()} lets go of this process's handle,
 * and the items stay. Memory consistency: actions before a {@code put} happen-before actions after the {@code take}
 * that returns the item, in any process.
 *
 * <p>It needs the chronicle transport in this JVM: its flags ({@link ChronicleTransportProvider}), or
 * {@link NoTransportException} names the missing ones.
 */
public final class DurableQueues {
    private DurableQueues() {
    }

    /**
     * Opens the durable queue {@code name} in {@code folder}, making both if they do not exist.
     *
     * @param folder where the queue's files are; made {@code rwx------} if need be
     * @param name   1 to 200 characters, none of them {@code '/'}, {@code '\\'} or NUL; not {@code "."} or
     *               {@code ".."}
     * @param <E>    the element type; every process that opens the queue must agree on it
     * @return a queue over the journal, usable from every thread of this process
     * @throws IllegalArgumentException if the name is not usable
     * @throws NoTransportException     if the chronicle transport cannot run in this JVM (its flags are missing)
     * @throws MpException              if the folder cannot be made, or the files cannot be opened, or belong to
     *                                  another user
     */
    @SuppressWarnings("unchecked")
    public static <E> Queue<E> open(Path folder, String name) {
        Objects.requireNonNull(folder, "folder");
        checkName(name);
        Token token = new Token(Token.NATIVE_QUEUE_KIND, ChronicleTransportProvider.NAME,
                Store.durableName(folder, name), 0, null);
        try {
            return (Queue<E>) token.resolve();
        } catch (ObjectStreamException e) {
            throw new MpException("cannot open the durable queue " + name + " in " + folder + ": " + e.getMessage(),
                    e);
        }
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a durable queue's name needs 1 to 200 characters, got "
                    + name.length());
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || name.equals(".")
                || name.equals("..")) {
            throw new IllegalArgumentException("a durable queue's name is a file name: no '/', '\\' or NUL, and not"
                    + " \".\" or \"..\"; got \"" + name.replace("\0", "\\0") + '"');
        }
    }
}
