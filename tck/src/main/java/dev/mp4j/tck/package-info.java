/**
 * The mp4j TCK: the contract suites every transport runs. A transport proves itself by extending each
 * {@code *Contract} class here with a class, in its own tests, that names it.
 *
 * <h2>Set up</h2>
 * Add the tck to the transport's test dependencies, next to a JUnit 5 engine:
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.mp4j</groupId><artifactId>mp4j-tck</artifactId><version>${mp4j.version}</version>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope>
 * </dependency>
 * }</pre>
 * The tck brings the runtime (mp4j-core) at run time: the suites run real processes, but compile against the public
 * API ({@code dev.mp4j}, {@code dev.mp4j.runtime}), the SPI ({@code dev.mp4j.spi}) and the shared-memory module's
 * public liveness check ({@code dev.mp4j.shm.ProcessLiveness}) alone.
 *
 * <h2>Run the suites</h2>
 * One class per suite, each returning the name the transport's provider gives
 * ({@link dev.mp4j.spi.TransportProvider#name()}), which must be on the test class path (its
 * {@code META-INF/services/dev.mp4j.spi.TransportProvider}):
 * <pre>{@code
 * class MyFrameLinkTest extends FrameLinkContract {
 *     @Override protected String transport() { return "my-transport"; }
 * }
 * class MyPipeTest extends PipeContract {
 *     @Override protected String transport() { return "my-transport"; }
 * }
 * }</pre>
 * and the same for {@link dev.mp4j.tck.ProcessContract}, {@link dev.mp4j.tck.QueueContract},
 * {@link dev.mp4j.tck.QueueCapacityContract}, {@link dev.mp4j.tck.QueueWaitContract},
 * {@link dev.mp4j.tck.PoolContract}, {@link dev.mp4j.tck.SharedMemoryContract} and
 * {@link dev.mp4j.tck.AuthenticationContract}. A transport with several flavours (say Unix sockets and TCP) runs
 * the suites once per provider name. Then {@code mvn verify}.
 *
 * <h2>In which order</h2>
 * Start with {@link dev.mp4j.tck.FrameLinkContract}: it needs no runtime, only the transport, and checks the whole
 * {@link dev.mp4j.spi.FrameLink} contract across two JVMs: frame boundaries and order, 16 MiB frames, sending
 * from inside a handler, sending and closing from inside {@link dev.mp4j.spi.LinkAcceptor#accept} (what is sent
 * there arrives first), a close that flushes what was queued before it, the orderly goodbye
 * ({@code onClose(null)}) against a killed peer ({@code onClose} with a cause), and {@code onClose} exactly once and
 * last. A transport that fails it will fail the other suites in ways harder to read. Then
 * {@link dev.mp4j.tck.ProcessContract}, {@link dev.mp4j.tck.PipeContract} and the queue suites
 * ({@link dev.mp4j.tck.QueueContract} for delivery and semantics, {@link dev.mp4j.tck.QueueCapacityContract} for
 * bounds, size and backlogs, {@link dev.mp4j.tck.QueueWaitContract} for timeouts and interrupts), which run the
 * runtime over the transport, and last {@link dev.mp4j.tck.PoolContract},
 * {@link dev.mp4j.tck.SharedMemoryContract} and {@link dev.mp4j.tck.AuthenticationContract}.
 *
 * <h2>What the suites need from the machine</h2>
 * They start JVMs: children through the runtime, and plain JVMs of their own (the peers of
 * {@link dev.mp4j.tck.FrameLinkContract}, the intruders of {@link dev.mp4j.tck.AuthenticationContract}) with the
 * test JVM's {@code java} binary and {@code java.class.path}, the provider's
 * {@link dev.mp4j.spi.TransportProvider#childJvmArgs() child JVM flags} and the test JVM's {@code mp4j.*} system
 * properties. Timeouts are generous, for a loaded machine with two cores. Every test stops what it started and
 * deletes the files it made; a suite fails a test that leaves a child process running.
 */
package dev.mp4j.tck;
