package dev.mp4j.transport.netty;

import dev.mp4j.tck.PoolContract;

class NettyTcpPoolTest extends PoolContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
