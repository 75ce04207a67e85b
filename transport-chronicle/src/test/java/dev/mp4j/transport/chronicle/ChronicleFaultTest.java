package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.FaultContract;

class ChronicleFaultTest extends FaultContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
