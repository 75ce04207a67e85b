package dev.mp4j.transport.shm;

import dev.mp4j.tck.ClassFetchContract;

class ShmClassFetchTest extends ClassFetchContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
