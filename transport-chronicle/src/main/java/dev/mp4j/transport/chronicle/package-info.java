/**
 * The chronicle transport ({@link dev.mp4j.transport.chronicle.ChronicleTransportProvider}): queues, pipes and links
 * over Chronicle Queue journals that every process reads directly, and durable queues
 * ({@link dev.mp4j.transport.chronicle.DurableQueues}) whose items outlive every process.
 *
 * <p>By concern:
 * <ul>
 *   <li><b>Chronicle itself</b>: {@code Chronicle} (how a journal is opened, and the properties that keep the library
 *       quiet, private and without threads of its own), {@code JvmFlags} (the flags it needs, and which a JVM
 *       lacks).</li>
 *   <li><b>Layouts</b>: {@code StoreLayout}, {@code ServerLayout}, {@code LinkLayout}, one descriptor each; no
 *       offset is written elsewhere.</li>
 *   <li><b>The native-queue capability</b>: {@code Store} (a queue or pipe: its state, streams and holder table),
 *       {@code Stream} (one journal shared out by a claimed HEAD index), {@code ChronicleQueue},
 *       {@code ChroniclePipe}, {@code ChronicleQueues}.</li>
 *   <li><b>Links</b>: {@code ChronicleServer}, {@code ChronicleLink} over two journals, {@code ChronicleThread};
 *       and {@code ChronicleTransport}, which ties them together.</li>
 * </ul>
 */
package dev.mp4j.transport.chronicle;
