package dev.mp4j.transport.netty;

import dev.mp4j.tck.SharedMemoryContract;

class NettySharedMemoryTest extends SharedMemoryContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
