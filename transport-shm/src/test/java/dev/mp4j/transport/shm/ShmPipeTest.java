package dev.mp4j.transport.shm;

import dev.mp4j.tck.PipeContract;

class ShmPipeTest extends PipeContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
