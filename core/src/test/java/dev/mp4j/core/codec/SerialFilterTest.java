package dev.mp4j.core.codec;

import dev.mp4j.MpException;

import org.junit.jupiter.api.Test;

import java.io.Serializable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a peer can make this process do by sending a serialized object: with the default filter, not recurse
 * deeper than 200 objects, nor allocate an array longer than 2^27 elements, whatever the stream says.
 */
class SerialFilterTest {
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        final Node next;

        Node(Node next) {
            this.next = next;
        }
    }

    static final class Ints implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[] values;

        Ints(int[] values) {
            this.values = values;
        }
    }

    private static Node chain(int length) {
        Node n = null;
        for (int i = 0; i < length; i++) {
            n = new Node(n);
        }
        return n;
    }

    @Test
    void aDeepChainWithinTheLimitDecodes() {
        assertTrue(Codec.decode(Codec.encode(chain(150))) instanceof Node);
    }

    @Test
    void aChainDeeperThanTheLimitIsRefusedSayingHowToRaiseIt() {
        MpException e = assertThrows(MpException.class, () -> Codec.decode(Codec.encode(chain(300))));
        assertTrue(e.getMessage().contains("mp4j.serialFilter"), e.getMessage());
        assertTrue(e.getMessage().contains("maxdepth"), e.getMessage());
    }

    @Test
    void aStreamThatAsksForAHugeArrayIsRefusedBeforeAnythingIsAllocated() {
        byte[] p = Codec.encode(new Ints(new int[] {1, 2, 3, 4}));
        assertArrayEquals(new int[] {1, 2, 3, 4}, ((Ints) Codec.decode(p)).values);
        // the array's class descriptor "[I", then its UID (8), flags (1), field count (2), end of block data (1)
        // and no superclass (1), then its length (4)
        int at = indexOf(p, new byte[] {0x75, 0x72, 0x00, 0x02, '[', 'I'});
        assertTrue(at > 0);
        int length = at + 6 + 8 + 1 + 2 + 1 + 1;
        assertEquals(4, p[length + 3]);
        p[length] = 0x7f;
        p[length + 1] = (byte) 0xff;
        p[length + 2] = (byte) 0xff;
        p[length + 3] = (byte) 0xf0;
        MpException e = assertThrows(MpException.class, () -> Codec.decode(p));
        assertTrue(e.getMessage().contains("refused by mp4j's deserialization filter"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
