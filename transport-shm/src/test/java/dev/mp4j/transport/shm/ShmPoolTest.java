package dev.mp4j.transport.shm;

import dev.mp4j.tck.PoolContract;

class ShmPoolTest extends PoolContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
