package dev.mp4j.spi;

/** A listening endpoint of a {@link Transport}. */
public interface FrameServer extends AutoCloseable {
    /** @return the address other processes pass to {@link Transport#connect} */
    String address();

    /** Stops accepting and removes what the server holds (socket files). Accepted links stay open. */
    @Override
    void close();
}
