package dev.mp4j.transport.shm;

import dev.mp4j.tck.ListenerContract;

class ShmListenerTest extends ListenerContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
