package dev.mp4j.transport.shm;

import dev.mp4j.tck.FrameFuzzContract;

class ShmFrameFuzzTest extends FrameFuzzContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
