package dev.mp4j.transport.netty;

import dev.mp4j.tck.QueueWaitContract;

class NettyTcpQueueWaitTest extends QueueWaitContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
