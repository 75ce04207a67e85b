package dev.mp4j.transport.netty;

import dev.mp4j.tck.ProcessContract;

class NettyProcessTest extends ProcessContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
