package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.PoolContract;

class ChroniclePoolTest extends PoolContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
