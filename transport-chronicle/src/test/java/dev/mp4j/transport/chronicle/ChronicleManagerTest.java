package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.ManagerContract;

class ChronicleManagerTest extends ManagerContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
