package dev.mp4j.transport.netty;

import dev.mp4j.tck.FaultContract;

class NettyFaultTest extends FaultContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
