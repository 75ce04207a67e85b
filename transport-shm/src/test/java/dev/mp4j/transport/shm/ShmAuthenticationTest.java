package dev.mp4j.transport.shm;

import dev.mp4j.tck.AuthenticationContract;

class ShmAuthenticationTest extends AuthenticationContract {
    @Override
    protected String transport() {
        return "shm";
    }
}
