package dev.mp4j.transport.netty;

import dev.mp4j.tck.PipeContract;

/** The same pipe contract over loopback TCP. */
class NettyTcpPipeTest extends PipeContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
