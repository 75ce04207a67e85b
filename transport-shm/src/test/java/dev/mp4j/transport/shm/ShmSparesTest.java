package dev.mp4j.transport.shm;

import dev.mp4j.tck.SparesContract;

class ShmSparesTest extends SparesContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
