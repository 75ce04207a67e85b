package dev.mp4j.transport.netty;

import dev.mp4j.tck.FrameLinkContract;

/** The link contract over loopback TCP. */
class NettyTcpFrameLinkTest extends FrameLinkContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
