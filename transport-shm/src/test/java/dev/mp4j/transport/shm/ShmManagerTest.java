package dev.mp4j.transport.shm;

import dev.mp4j.tck.ManagerContract;

class ShmManagerTest extends ManagerContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
