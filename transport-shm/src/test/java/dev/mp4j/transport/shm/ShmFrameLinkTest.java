package dev.mp4j.transport.shm;

import dev.mp4j.tck.FrameLinkContract;

class ShmFrameLinkTest extends FrameLinkContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
