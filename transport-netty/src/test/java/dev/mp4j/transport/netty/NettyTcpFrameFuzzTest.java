package dev.mp4j.transport.netty;

import dev.mp4j.tck.FrameFuzzContract;

class NettyTcpFrameFuzzTest extends FrameFuzzContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
