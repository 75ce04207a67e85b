package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.SparesContract;

class ChronicleSparesTest extends SparesContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
