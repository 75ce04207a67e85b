package dev.mp4j.tck.sample;

import dev.mp4j.tck.ListenerContract;

class SampleListenerTest extends ListenerContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
