package dev.mp4j.transport.netty;

import dev.mp4j.tck.ProcessContract;

/**
 * The process contract over loopback TCP, which is not the default transport: a child's default context proves that
 * it inherited its parent's.
 */
class NettyTcpProcessTest extends ProcessContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
