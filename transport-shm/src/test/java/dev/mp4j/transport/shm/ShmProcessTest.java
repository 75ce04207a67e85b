package dev.mp4j.transport.shm;

import dev.mp4j.tck.ProcessContract;

class ShmProcessTest extends ProcessContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
