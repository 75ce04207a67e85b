package dev.mp4j.transport.netty;

import dev.mp4j.tck.QueueContract;

class NettyTcpQueueTest extends QueueContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
