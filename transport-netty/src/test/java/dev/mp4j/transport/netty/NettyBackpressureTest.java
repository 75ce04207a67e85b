package dev.mp4j.transport.netty;

import dev.mp4j.tck.BackpressureContract;

class NettyBackpressureTest extends BackpressureContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
