package dev.mp4j.transport.netty;

import dev.mp4j.tck.MessageLimitContract;

class NettyMessageLimitTest extends MessageLimitContract {
    @Override
    protected String transport() {
        return "netty";
    }

    @Override
    protected String frameLimitProperty() {
        return NettyTransport.MAX_FRAME_PROPERTY;
    }
}
