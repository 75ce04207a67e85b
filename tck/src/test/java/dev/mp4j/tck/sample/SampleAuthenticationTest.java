package dev.mp4j.tck.sample;

import dev.mp4j.tck.AuthenticationContract;

class SampleAuthenticationTest extends AuthenticationContract {
    @Override
    protected String transport() {
        return SampleTransportProvider.NAME;
    }
}
