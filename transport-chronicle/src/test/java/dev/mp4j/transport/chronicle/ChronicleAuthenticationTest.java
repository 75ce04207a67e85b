package dev.mp4j.transport.chronicle;

import dev.mp4j.tck.AuthenticationContract;

class ChronicleAuthenticationTest extends AuthenticationContract {
    @Override
    protected String transport() {
        return ChronicleTransportProvider.NAME;
    }
}
