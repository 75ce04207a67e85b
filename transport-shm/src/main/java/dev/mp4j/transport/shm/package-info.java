/**
 * The shm transport, mp4j's default ({@link dev.mp4j.transport.shm.ShmTransportProvider}): queues, pipes and links
 * in memory-mapped rings that every process of the tree reads directly.
 *
 * <p>By concern:
 * <ul>
 *   <li><b>Layout</b>: {@code ChannelLayout}, the one descriptor of a channel's files; no offset is written
 *       elsewhere.</li>
 *   <li><b>Storage</b>: {@code Channel} (a queue, pipe or server: its base file, rings and holder table),
 *       {@code Ring} (records appended under a tail lock and removed under a head lock, growing by replacement),
 *       {@code JournaledLock} (a robust lock whose changes are replayed by whoever takes it over from a dead
 *       holder), {@code BigItems} (an item too large for a ring travels in a file of its own).</li>
 *   <li><b>The native-queue capability</b>: {@code ShmQueues}, {@code ShmQueue}, {@code ShmPipe}.</li>
 *   <li><b>Links</b>: {@code ShmServer}, {@code ShmLink} over a duplex pipe, {@code ShmThread}; and
 *       {@code ShmTransport}, which ties them together.</li>
 * </ul>
 */
package dev.mp4j.transport.shm;
