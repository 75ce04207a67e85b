package dev.mp4j.transport.netty;

import dev.mp4j.tck.QueueContract;

class NettyQueueTest extends QueueContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
