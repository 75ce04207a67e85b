package dev.mp4j.transport.netty;

import dev.mp4j.tck.ListenerContract;

class NettyListenerTest extends ListenerContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
