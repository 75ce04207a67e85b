package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.ClassFetchContract;

class ChronicleClassFetchTest extends ClassFetchContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
