package dev.mp4j.transport.netty;

import dev.mp4j.tck.QueueWaitContract;

class NettyQueueWaitTest extends QueueWaitContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
