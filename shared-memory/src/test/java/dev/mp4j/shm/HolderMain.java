package dev.mp4j.shm;

import dev.mp4j.Barrier;
import dev.mp4j.Lock;
import dev.mp4j.RLock;
import dev.mp4j.Semaphore;
import dev.mp4j.SharedInt;
import dev.mp4j.SharedMemory;

/**
 * The second JVM of the robustness and clean-up tests (started by {@link Child}). Objects arrive as
 * Base64-serialized arguments. The child reports on stdout: {@code READY} once it holds what it was asked
 * to hold, then it sleeps until killed (or at most a minute, so an orphan never lingers); other modes print
 * their result and exit normally.
 */
public final class HolderMain {
    private static final long LINGER_MILLIS = 60_000;

    private HolderMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        switch (mode) {
            case "lock" -> {
                Lock lock = (Lock) TestSupport.fromBase64(args[1]);
                lock.lock();
                ready();
                linger();
            }
            case "rlock-twice" -> {
                RLock lock = (RLock) TestSupport.fromBase64(args[1]);
                lock.lock();
                lock.lock();
                System.out.println("HOLDS " + lock.holdCount());
                ready();
                linger();
            }
            case "semaphore" -> {
                Semaphore s = (Semaphore) TestSupport.fromBase64(args[1]);
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < n; i++) {
                    s.acquire();
                }
                ready();
                linger();
            }
            case "barrier" -> {
                Barrier b = (Barrier) TestSupport.fromBase64(args[1]);
                int before = b.numberWaiting();
                Thread t = new Thread(() -> {
                    try {
                        b.await();
                    } catch (Exception e) {
                        System.out.println("BARRIER " + e.getClass().getSimpleName());
                    }
                }, "party");
                t.setDaemon(true);
                t.start();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (b.numberWaiting() <= before && System.nanoTime() - deadline < 0) {
                    Thread.sleep(1);
                }
                ready();
                linger();
            }
            case "event-await" -> {
                dev.mp4j.Event e = (dev.mp4j.Event) TestSupport.fromBase64(args[1]);
                ready();
                System.out.println("AWAKE " + e.await(java.time.Duration.ofSeconds(20)));
            }
            case "event-await-on-cue" -> {
                dev.mp4j.Event e = (dev.mp4j.Event) TestSupport.fromBase64(args[1]);
                ready();
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                System.out.println("AWAKE " + e.await(java.time.Duration.ofSeconds(20)));
            }
            case "condition-wait" -> {
                dev.mp4j.Condition c = (dev.mp4j.Condition) TestSupport.fromBase64(args[1]);
                c.lock().lock();
                try {
                    System.out.println("WAITING");
                    System.out.flush();
                    System.out.println("SIGNALLED " + c.await(java.time.Duration.ofSeconds(60).toMillis(),
                            java.util.concurrent.TimeUnit.MILLISECONDS));
                } finally {
                    c.lock().unlock();
                }
            }
            case "increment" -> {
                Lock lock = (Lock) TestSupport.fromBase64(args[1]);
                SharedInt counter = (SharedInt) TestSupport.fromBase64(args[2]);
                int n = Integer.parseInt(args[3]);
                ready();
                for (int i = 0; i < n; i++) {
                    lock.lock();
                    try {
                        counter.set(counter.get() + 1);
                    } finally {
                        lock.unlock();
                    }
                }
                System.out.println("DONE");
            }
            case "create" -> {
                SharedMemory m = SharedObjects.sharedMemory(args[1], 64);
                m.buffer().put(0, (byte) 42);
                ready();
                if (args.length > 2 && args[2].equals("linger")) {
                    linger();
                }
            }
            case "create-with-part" -> {
                MappedSegment.create(args[1], 64);
                MappedSegment.createPart(args[1], "part", 64);
                ready();
                if (args.length > 2 && args[2].equals("linger")) {
                    linger();
                }
            }
            case "create-twice" -> {
                SharedMemory m = SharedObjects.sharedMemory(args[1], 64);
                try {
                    SharedObjects.sharedMemory(args[1], 64);
                    System.out.println("SECOND CREATE SUCCEEDED");
                } catch (IllegalStateException expected) {
                    System.out.println("SECOND CREATE REFUSED");
                }
                m.close();
                ready();
            }
            case "attach" -> {
                SharedMemory m = SharedObjects.attachSharedMemory(args[1]);
                System.out.println("BYTE " + m.buffer().get(0));
                m.close();
                ready();
            }
            case "attach-value" -> {
                SharedInt v = (SharedInt) TestSupport.fromBase64(args[1]);
                System.out.println("VALUE " + v.get());
                v.set(v.get() + 1);
                v.close();
                ready();
            }
            case "spawn-creator" -> {
                // a root that makes no block itself; a child of its tree makes one
                SharedObjects.joinTree();
                try (Child c = Child.inTree("create", args[1])) {
                    c.expect("READY", java.time.Duration.ofSeconds(20));
                    int code = c.waitExit(java.time.Duration.ofSeconds(20));
                    System.out.println("CREATOR EXIT " + code + " STDERR " + c.stderr().length());
                }
                ready();
            }
            case "linger" -> {
                ready();
                linger();
            }
            case "join" -> {
                System.out.println("TREE " + SharedObjects.joinTree());
                ready();
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        System.out.flush();
    }

    private static void ready() {
        System.out.println("READY");
        System.out.flush();
    }

    private static void linger() throws InterruptedException {
        Thread.sleep(LINGER_MILLIS);
    }
}
