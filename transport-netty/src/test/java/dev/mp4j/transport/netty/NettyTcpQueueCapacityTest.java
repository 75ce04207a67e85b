package dev.mp4j.transport.netty;

import dev.mp4j.tck.QueueCapacityContract;

class NettyTcpQueueCapacityTest extends QueueCapacityContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
