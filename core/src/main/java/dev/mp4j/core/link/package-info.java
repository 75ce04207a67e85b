/**
 * Frames between the processes of a tree, over any transport's {@link dev.mp4j.spi.FrameLink}s: this process's
 * {@link dev.mp4j.core.link.Node} on a transport, the objects it owns ({@link dev.mp4j.core.link.Owned}, by
 * {@link dev.mp4j.core.link.Kind}), its links to the owners of objects it uses ({@link dev.mp4j.core.link.Peer})
 * and from the processes that use its own ({@code ServedLink}), the HMAC handshake every link opens with, and the
 * frame layout ({@link dev.mp4j.core.link.Wire}). Knows no kind of object: pipes and queues plug in from above.
 */
package dev.mp4j.core.link;
