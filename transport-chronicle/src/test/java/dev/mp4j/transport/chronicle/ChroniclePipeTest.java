package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.PipeContract;

class ChroniclePipeTest extends PipeContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
