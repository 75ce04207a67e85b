package dev.mp4j.transport.netty;

import dev.mp4j.tck.ClassFetchContract;

class NettyClassFetchTest extends ClassFetchContract {
    @Override
    protected String transport() {
        return "netty";
    }
}
