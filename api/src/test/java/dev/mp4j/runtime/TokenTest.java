package dev.mp4j.runtime;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenTest {
    /** Registered in this module's test resources: resolves kind "test.echo" to a string naming the token. */
    public static final class EchoResolver implements TokenResolver {
        @Override
        public Set<String> kinds() {
            return Set.of("test.echo");
        }

        @Override
        public Object resolve(Token token) throws ObjectStreamException {
            if (token.id() < 0) {
                throw new InvalidObjectException("negative ids are gone");
            }
            return token.owner() + "#" + token.id() + "/" + token.detail();
        }
    }

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void aTokenResolvesThroughTheResolverOfItsKind() throws Exception {
        assertEquals("here#7/x", roundTrip(new Token("test.echo", "", "here", 7, "x")));
    }

    @Test
    void aResolverRefusalReachesTheReader() {
        InvalidObjectException e = assertThrows(InvalidObjectException.class,
                () -> roundTrip(new Token("test.echo", "", "here", -1, null)));
        assertEquals("negative ids are gone", e.getMessage());
    }

    @Test
    void anUnknownKindSaysWhichAndWhatIsKnown() {
        InvalidObjectException e = assertThrows(InvalidObjectException.class,
                () -> roundTrip(new Token("mp4j.nothing", "netty", "there", 1, null)));
        assertTrue(e.getMessage().contains("'mp4j.nothing'"), e.getMessage());
        assertTrue(e.getMessage().contains("test.echo"), e.getMessage());
    }

    @Test
    void aTokenNeedsAKindAndNoNulls() {
        assertThrows(IllegalArgumentException.class, () -> new Token(" ", "", "", 0, null));
        assertThrows(NullPointerException.class, () -> new Token("k", null, "", 0, null));
        assertThrows(NullPointerException.class, () -> new Token("k", "", null, 0, null));
    }
}
