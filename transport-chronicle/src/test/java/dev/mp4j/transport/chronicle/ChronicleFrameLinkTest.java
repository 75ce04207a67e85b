package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.FrameLinkContract;

class ChronicleFrameLinkTest extends FrameLinkContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
