package dev.mp4j.transport.netty;

import dev.mp4j.tck.SharedMemoryContract;

class NettyTcpSharedMemoryTest extends SharedMemoryContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
