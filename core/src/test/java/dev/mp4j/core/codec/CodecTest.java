package dev.mp4j.core.codec;

import dev.mp4j.MpException;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("unchecked")
class CodecTest {
    private static Object roundTrip(Object o) {
        return Codec.decode(Codec.encode(o));
    }

    @Test
    void commonTypesTakeTheFastPath() {
        assertEquals(Codec.STRING, Codec.encode("x")[0]);
        assertEquals(Codec.INT, Codec.encode(1)[0]);
        assertEquals(Codec.BYTES, Codec.encode(new byte[0])[0]);
        assertEquals(Codec.INT_ARRAY, Codec.encode(new int[0])[0]);
        assertEquals(5, Codec.encode(42).length, "an int costs its tag and four bytes");
        assertEquals(Codec.LIST, Codec.encode(List.of(42, "hello", 3.14))[0]);
        assertEquals(Codec.JAVA, Codec.encode(List.of(new java.math.BigInteger("1")))[0], "an element without a fast path");
        assertEquals(Codec.JAVA, Codec.encode(java.util.Arrays.asList(1, 2))[0], "a list class without a fast path");
    }

    @Test
    void everyFastPathRoundTrips() {
        for (Object o : new Object[] {"", "héllo 🌍", 1, -1L, 2.5, 1.5f, (short) 3, (byte) -2, 'é', true, false}) {
            assertEquals(o, roundTrip(o));
        }
        assertNull(roundTrip(null));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) roundTrip(new byte[] {1, 2}));
        assertArrayEquals(new int[] {1, -2, Integer.MAX_VALUE}, (int[]) roundTrip(new int[] {1, -2, Integer.MAX_VALUE}));
        assertArrayEquals(new long[] {Long.MIN_VALUE}, (long[]) roundTrip(new long[] {Long.MIN_VALUE}));
        assertArrayEquals(new double[] {Double.NaN, -0.0}, (double[]) roundTrip(new double[] {Double.NaN, -0.0}));
        assertArrayEquals(new float[] {1.25f}, (float[]) roundTrip(new float[] {1.25f}));
        assertArrayEquals(new short[] {-7}, (short[]) roundTrip(new short[] {-7}));
        assertArrayEquals(new char[] {'a', '\uffff'}, (char[]) roundTrip(new char[] {'a', '\uffff'}));
        assertArrayEquals(new boolean[] {true, false}, (boolean[]) roundTrip(new boolean[] {true, false}));
    }

    @Test
    void listsKeepTheirKindAndElements() {
        List<Object> tuple = List.of(42, "hello", 3.14, List.of(1L, new int[0].length), new java.util.ArrayList<>(List.of("x")));
        Object back = roundTrip(tuple);
        assertEquals(tuple, back);
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) back).add(1), "List.of stays immutable");
        java.util.ArrayList<Object> mutable = new java.util.ArrayList<>(java.util.Arrays.asList("a", null, 1));
        Object mutableBack = roundTrip(mutable);
        assertEquals(java.util.ArrayList.class, mutableBack.getClass());
        assertEquals(mutable, mutableBack);
        assertEquals(List.of(), roundTrip(List.of()));
    }

    @Test
    void aLoneSurrogateSurvivesThroughJavaSerialization() {
        String odd = "a\ud800b";
        assertEquals(Codec.JAVA, Codec.encode(odd)[0]);
        assertEquals(odd, roundTrip(odd));
    }

    @Test
    void serializableLambdasRoundTrip() {
        int captured = 41;
        Supplier<Integer> s = (Supplier<Integer> & Serializable) () -> captured + 1;
        @SuppressWarnings("unchecked")
        Supplier<Integer> back = (Supplier<Integer>) roundTrip(s);
        assertEquals(42, back.get());
    }

    @Test
    void anUnserializableObjectIsRefusedNamingItsClass() {
        Object o = new Object();
        Runnable r = (Runnable & Serializable) () -> System.out.println(o);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Codec.encode(r));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertTrue(e.getMessage().contains("a lambda from dev.mp4j.core.codec.CodecTest"), e.getMessage());
    }

    /** Not Serializable; its lambdas capture it whenever they read its field. */
    private final int factor = 3;

    @Test
    void theHintSaysWhyALambdaCapturedThisAndSaysNotToCaptureOnlyWhatWasCaptured() {
        Supplier<Integer> readsAField = (Supplier<Integer> & Serializable) () -> factor * 2;
        String why = assertThrows(IllegalArgumentException.class, () -> Codec.encode(readsAField)).getMessage();
        assertTrue(why.contains("uses a field or a method of the dev.mp4j.core.codec.CodecTest it was written in"), why);
        assertTrue(why.contains("captured that object, `this`"), why);
        assertTrue(why.contains("copy what it needs into a local variable"), why);

        Object o = new Object();
        Runnable capturesAValue = (Runnable & Serializable) () -> System.out.println(o);
        String captured = assertThrows(IllegalArgumentException.class, () -> Codec.encode(capturesAValue)).getMessage();
        assertTrue(captured.contains("the lambda captured it: make it Serializable, or do not capture it"), captured);

        String sent = assertThrows(IllegalArgumentException.class, () -> Codec.encode(new Object())).getMessage();
        assertFalse(sent.contains("capture"), "nothing was captured: " + sent);
        assertTrue(sent.contains("make it Serializable"), sent);

        String nested = assertThrows(IllegalArgumentException.class,
                () -> Codec.encode(new ArrayList<>(List.of(new Object(), "x")))).getMessage();
        assertFalse(nested.contains("capture"), "nothing was captured: " + nested);
    }

    /** Not a constant, so a lambda that reads it reads it from `this` (a constant field is inlined). */
    private int offset = 7;

    private int scaled(int x) {
        return x * offset;
    }

    @Test
    void theHintNamesTheFieldsAndMethodsForWhichALambdaCapturedThis() {
        Supplier<Integer> readsAField = (Supplier<Integer> & Serializable) () -> offset + 1;
        String field = assertThrows(IllegalArgumentException.class, () -> Codec.encode(readsAField)).getMessage();
        assertTrue(field.contains("the lambda uses the field offset of the dev.mp4j.core.codec.CodecTest"), field);

        Supplier<Integer> both = (Supplier<Integer> & Serializable) () -> {
            int[] spread = {1, 2, 3};
            int sum = 0;
            for (int v : spread) {
                switch (v) { // a tableswitch between the uses: the walk must step over it
                    case 1 -> sum += 10;
                    case 2 -> sum += 20;
                    case 3 -> sum += 30;
                    default -> sum += 0;
                }
            }
            long wide = 1L << 40;
            return scaled(sum) + (int) (wide >> 40) + offset;
        };
        String why = assertThrows(IllegalArgumentException.class, () -> Codec.encode(both)).getMessage();
        assertTrue(why.contains("the lambda uses the method scaled() and the field offset of the "
                + "dev.mp4j.core.codec.CodecTest it was written in"), why);
    }

    @Test
    void garbageIsRefusedWithAClearError() {
        assertThrows(MpException.class, () -> Codec.decode(new byte[0]));
        assertThrows(MpException.class, () -> Codec.decode(new byte[] {99}));
        assertThrows(MpException.class, () -> Codec.decode(new byte[] {Codec.INT, 1}));
        assertThrows(MpException.class, () -> Codec.decode(new byte[] {Codec.JAVA, 1, 2, 3}));
    }

    @Test
    void listsOfOneNumberTypeArePacked() {
        java.util.ArrayList<Integer> ints = new java.util.ArrayList<>(List.of(1, -2, Integer.MAX_VALUE));
        assertEquals(Codec.NUMBER_LIST, Codec.encode(ints)[0]);
        assertEquals(ints, roundTrip(ints));
        assertEquals(java.util.ArrayList.class, roundTrip(ints).getClass(), "an ArrayList stays mutable");
        assertEquals(List.of(1L, Long.MIN_VALUE), roundTrip(List.of(1L, Long.MIN_VALUE)));
        assertEquals(List.of(0.5, Double.NaN), roundTrip(List.of(0.5, Double.NaN)));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) roundTrip(List.of(1, 2))).add(3));
        List<Object> mixed = List.of(1, 2L);
        assertEquals(Codec.LIST, Codec.encode(mixed)[0], "mixed types keep their own tags");
        assertEquals(mixed, roundTrip(mixed));
        java.util.ArrayList<Integer> withNull = new java.util.ArrayList<>(java.util.Arrays.asList(1, null));
        assertEquals(withNull, roundTrip(withNull));
    }
}
