package dev.mp4j.tck;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The frames the {@link FrameLinkContract} sends, the same in every JVM: frame {@code i} of a script has a size and
 * bytes that depend on {@code i} alone, so a receiver checks what arrived against what was sent without being told.
 * A merged, split, lost, duplicated, reordered or corrupted frame shows up as a wrong size or a wrong byte at some
 * index. The first frames try the edges (empty frames, sizes around powers of two and around common buffer sizes);
 * the rest are mostly small, every fiftieth empty, every thousandth above 32 KiB.
 */
final class Script {
    private static final int[] EDGES = {
        0, 1, 0, 0, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 0, 127, 128, 129, 255, 256, 257, 1023, 1024, 1025,
        4095, 4096, 4097, 8191, 8192, 8193, 0, 16_383, 16_384, 32_767, 32_768, 32_769, 65_535, 65_536, 65_537,
        131_072, 1 << 20, 0, 1, 0,
    };

    private Script() {}

    /** @return the size of frame {@code i} */
    static int size(int i) {
        if (i < EDGES.length) {
            return EDGES[i];
        }
        if (i % 50 == 0) {
            return 0;
        }
        int h = mix(i);
        if (i % 1000 == 999) {
            return 32_768 + (h & 0xFFFF);
        }
        return h & 0x1FF;
    }

    /** @return frame {@code i} */
    static byte[] bytes(int i) {
        return bytes(i, size(i));
    }

    /** @return a frame of the given size whose bytes depend on {@code i} */
    static byte[] bytes(int i, int size) {
        byte[] b = new byte[size];
        int seed = mix(i);
        for (int j = 0; j < size; j++) {
            b[j] = (byte) (seed + j * 7 + (j >>> 8) * 13);
        }
        return b;
    }

    /** @return frame {@code i}, ready to send */
    static ByteBuffer frame(int i) {
        return ByteBuffer.wrap(bytes(i));
    }

    /** @return null if {@code got} is frame {@code i} of the given size, else what is wrong with it */
    static String check(int i, int size, byte[] got) {
        if (got == null) {
            return "frame " + i + " (" + size + " bytes) did not arrive";
        }
        if (got.length != size) {
            return "frame " + i + " should have " + size + " bytes, but " + got.length + " arrived";
        }
        byte[] expected = bytes(i, size);
        int at = Arrays.mismatch(expected, got);
        return at < 0 ? null : "frame " + i + " (" + size + " bytes) differs from what was sent at byte " + at;
    }

    /** @return null if {@code got} is frame {@code i}, else what is wrong with it */
    static String check(int i, byte[] got) {
        return check(i, size(i), got);
    }

    private static int mix(int i) {
        int h = i * 0x9E37_79B9;
        return h ^ (h >>> 16);
    }
}
