package dev.mp4j.transport.netty;

import dev.mp4j.tck.FrameLinkContract;

/** The link contract over Unix domain sockets. */
class NettyFrameLinkTest extends FrameLinkContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
