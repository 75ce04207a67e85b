package dev.mp4j.transport.netty;

import dev.mp4j.tck.AuthenticationContract;

class NettyTcpAuthenticationTest extends AuthenticationContract {
    @Override
    protected String transport() {
        return "netty-tcp";
    }
}
