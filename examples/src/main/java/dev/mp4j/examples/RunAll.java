package dev.mp4j.examples;

import dev.mp4j.Multiprocessing;
import dev.mp4j.Process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every example in order, each after a header line, and exits with status 1 if one of them throws (or
 * leaves a child process running).
 *
 * <p>Run it with {@code mvn -q -pl examples exec:exec}, or one example with
 * {@code mvn -q -pl examples exec:exec -Dexample=PipeExchange}.
 */
public final class RunAll {
    @FunctionalInterface
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private RunAll() {}

    /**
     * Runs every example in order.
     *
     * @param args passed on to each example, which ignores them
     */
    public static void main(String[] args) {
        Map<String, Main> examples = new LinkedHashMap<>();
        examples.put("ShowProcessInfo", ShowProcessInfo::main);
        examples.put("HelloUnderLock", HelloUnderLock::main);
        examples.put("ValueAndArray", ValueAndArray::main);
        examples.put("SharedMemoryBlock", SharedMemoryBlock::main);
        examples.put("PoolMap", PoolMap::main);
        examples.put("PoolApplyAsync", PoolApplyAsync::main);
        examples.put("PipeExchange", PipeExchange::main);
        examples.put("QueueProducerConsumer", QueueProducerConsumer::main);
        examples.put("JoinableQueueWorkers", JoinableQueueWorkers::main);
        examples.put("DaemonDiesWithParent", DaemonDiesWithParent::main);
        examples.put("ManagerDictList", ManagerDictList::main);
        examples.put("QueueServer", QueueServer::main);
        examples.put("ListenerClientEcho", ListenerClientEcho::main);
        examples.put("DurableJobs", DurableJobs::main);

        int failed = 0;
        for (Map.Entry<String, Main> e : examples.entrySet()) {
            System.out.println("=== " + e.getKey() + " ===");
            long start = System.nanoTime();
            try {
                e.getValue().run(args);
                System.out.println("--- " + e.getKey() + ": ok, " + (System.nanoTime() - start) / 1_000_000 + " ms");
            } catch (Throwable t) {
                failed++;
                System.out.flush();
                System.err.println("--- " + e.getKey() + ": FAILED");
                t.printStackTrace();
            }
        }

        List<Process> left = Multiprocessing.activeChildren();
        if (!left.isEmpty()) {
            failed++;
            System.err.println("children still running after the examples: " + left);
        }
        if (failed > 0) {
            System.err.println(failed + " failure(s)");
            System.exit(1);
        }
        System.out.println("all " + examples.size() + " examples ran");
    }
}
