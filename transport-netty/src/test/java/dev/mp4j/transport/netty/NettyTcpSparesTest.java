package dev.mp4j.transport.netty;

import dev.mp4j.tck.SparesContract;

class NettyTcpSparesTest extends SparesContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
