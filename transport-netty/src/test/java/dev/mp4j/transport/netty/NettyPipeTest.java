package dev.mp4j.transport.netty;

import dev.mp4j.tck.PipeContract;

class NettyPipeTest extends PipeContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
