package dev.mp4j;

/**
 * Two connected ends: Python's {@code multiprocessing.Pipe()}. Created by {@link Context#pipe()} (duplex) or
 * {@link Context#pipe(boolean)}. In a one-way pipe the {@linkplain #left() left} end only receives and the
 * {@linkplain #right() right} end only sends, as in Python's {@code Pipe(duplex=False)}.
 *
 * <p>What blocks, what fails when the other side is gone, and the memory consistency effects (a send
 * happens-before the receipt of that message) are those of each {@link Connection}. A {@code Pipe} is not
 * {@link java.io.Serializable}: hand its ends to other processes.
 */
public interface Pipe {
    /** @return the left end; in a one-way pipe, the receiving end */
    Connection left();

    /** @return the right end; in a one-way pipe, the sending end */
    Connection right();
}
