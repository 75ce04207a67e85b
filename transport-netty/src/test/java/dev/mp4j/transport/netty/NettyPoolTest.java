package dev.mp4j.transport.netty;

import dev.mp4j.tck.PoolContract;

class NettyPoolTest extends PoolContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
