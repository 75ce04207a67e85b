package dev.mp4j.transport.netty;

import dev.mp4j.tck.ManagerContract;

class NettyTcpManagerTest extends ManagerContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
