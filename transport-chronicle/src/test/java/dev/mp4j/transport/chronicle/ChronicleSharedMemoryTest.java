package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.SharedMemoryContract;

class ChronicleSharedMemoryTest extends SharedMemoryContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
