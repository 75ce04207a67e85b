package dev.mp4j.transport.shm;

import dev.mp4j.tck.BackpressureContract;

class ShmBackpressureTest extends BackpressureContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
