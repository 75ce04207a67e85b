package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.BackpressureContract;

class ChronicleBackpressureTest extends BackpressureContract {
    @Override
    protected String transport() {
        return "chronicle";
    }
}
