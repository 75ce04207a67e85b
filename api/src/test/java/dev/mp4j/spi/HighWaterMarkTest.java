package dev.mp4j.spi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HighWaterMarkTest {
    @AfterEach
    void unset() {
        System.clearProperty(HighWaterMark.PROPERTY);
    }

    @Test
    void theDefaultIs64MiB() {
        System.clearProperty(HighWaterMark.PROPERTY);
        assertEquals(64L << 20, HighWaterMark.bytes());
    }

    @Test
    void thePropertySetsIt() {
        System.setProperty(HighWaterMark.PROPERTY, " 1048576 ");
        assertEquals(1 << 20, HighWaterMark.bytes());
    }

    @Test
    void aBadSettingSaysWhatIsWrongAndWhatToDo() {
        for (String bad : new String[] {"64MiB", "-1", "0", Long.toString(HighWaterMark.MIN_BYTES - 1)}) {
            System.setProperty(HighWaterMark.PROPERTY, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, HighWaterMark::bytes, bad);
            assertTrue(e.getMessage().contains("-Dmp4j.highWaterBytes=" + bad) && e.getMessage().contains("at least "
                    + HighWaterMark.MIN_BYTES), e.getMessage());
        }
    }
}
