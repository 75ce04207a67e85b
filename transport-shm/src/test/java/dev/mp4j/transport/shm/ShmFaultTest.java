package dev.mp4j.transport.shm;

import dev.mp4j.tck.FaultContract;

class ShmFaultTest extends FaultContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
