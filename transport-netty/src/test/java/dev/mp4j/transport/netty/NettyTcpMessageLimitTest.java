package dev.mp4j.transport.netty;

import dev.mp4j.tck.MessageLimitContract;

class NettyTcpMessageLimitTest extends MessageLimitContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }

    @Override
    protected String frameLimitProperty() {
        return NettyTransport.MAX_FRAME_PROPERTY;
    }
}
