package dev.mp4j.tck;

import dev.mp4j.Connection;
import dev.mp4j.Context;
import dev.mp4j.MessageTooLongException;
import dev.mp4j.Multiprocessing;
import dev.mp4j.Pipe;
import dev.mp4j.Process;
import dev.mp4j.Queue;

import java.time.Duration;
import java.util.Objects;

/**
 * The root of a process tree whose transport's frame limit is {@value #LIMIT} bytes, for
 * {@link MessageLimitContract}: {@code main(transport, property)} sets the limit's system property before anything
 * opens the transport (its children inherit it), then puts and sends items over the limit locally and from a
 * child, and checks that each fails in the sender with {@link MessageTooLongException} while the queue, the pipe and
 * the links live on; then that a child whose own limit is lower, reading a pipe this process owns, is told of a
 * message too long for it in its {@code recv} (or, where pipes do not go over its links, gets it whole) and gets the
 * next one, its link alive. Exits 0 when every check held;
 * else prints what did not, and exits 1.
 */
public final class LimitedRoot {
    static final int LIMIT = 100_000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private LimitedRoot() {}

    /** @param args {@code <transport> <the system property that sets its frame limit>} */
    public static void main(String[] args) throws Exception {
        System.setProperty(args[1], Integer.toString(LIMIT));
        Context mp = Multiprocessing.context(args[0]);
        Queue<Object> q = mp.queue();
        Queue<String> report = mp.queue();
        Pipe pipe = mp.pipe();
        Connection childEnd = pipe.right();

        expect("refused", refusal(() -> q.put(new byte[2 * LIMIT])), "a local put over the limit");
        q.put("small");
        expect("small", q.poll(PATIENCE), "the queue after a refused put");

        Process child = mp.process(() -> {
            report.put(refusal(() -> q.put(new byte[2 * LIMIT])));
            q.put("after");
            report.put(refusal(() -> childEnd.send(new byte[2 * LIMIT])));
            childEnd.send("after");
        }).start();
        expect("refused", report.poll(PATIENCE), "a child's put over the limit");
        expect("after", q.poll(PATIENCE), "the child's next put");
        expect("refused", report.poll(PATIENCE), "a child's send over the limit");
        expect("after", pipe.left().poll(PATIENCE) ? pipe.left().recv() : null, "the child's next send");
        expect(true, child.join(PATIENCE), "the child ends");
        expect(0, child.exitCode().orElse(-1), "the child's exit code");

        Pipe toSmaller = mp.pipe(false);
        Connection in = toSmaller.left();
        Process smaller = mp.process(() -> {
            try {
                report.put("received " + in.recvBytes().length);
            } catch (MessageTooLongException e) {
                report.put(e.getMessage().contains("was dropped") ? "dropped" : "refused without saying so: " + e);
            }
            Object next = in.recv();
            report.put(String.valueOf(next));
        }).jvmArgs("-D" + args[1] + "=" + LIMIT / 4).start();
        toSmaller.right().sendBytes(new byte[LIMIT / 2]);
        toSmaller.right().send("after");
        String told = report.poll(PATIENCE);
        // a transport whose pipes do not go over links (the sample's) may deliver it whole; none may cut the link
        expect(true, "dropped".equals(told) || ("received " + LIMIT / 2).equals(told),
                "a message longer than its reader's limit is dropped and the reader told, or arrives whole: " + told);
        expect("after", report.poll(PATIENCE), "the message after it");
        expect(true, smaller.join(PATIENCE), "the child with the lower limit ends");
        expect(0, smaller.exitCode().orElse(-1), "its exit code");
        System.exit(0);
    }

    /** A step that should be refused as too long. */
    interface Step extends java.io.Serializable {
        void run() throws Exception;
    }

    static String refusal(Step step) throws Exception {
        try {
            step.run();
            return "sent";
        } catch (MessageTooLongException e) {
            return e.getMessage().contains("nothing was sent") ? "refused" : "refused without saying so: " + e;
        }
    }

    private static void expect(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            System.err.println(PeerJvm.REPORT + "failed: " + what + ": expected " + expected + " but was " + actual);
            System.exit(1);
        }
    }
}
