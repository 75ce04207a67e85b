package dev.mp4j.transport.netty;

import dev.mp4j.tck.BackpressureContract;

class NettyTcpBackpressureTest extends BackpressureContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
