package dev.mp4j.core.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.mp4j.MpException;

/**
 * Turns objects into message payloads and back. A payload is a tag byte and the data. The common types
 * ({@code byte[]}, {@code String}, boxed primitives, primitive arrays, {@code null}, and {@code ArrayList}s and
 * {@code List.of}s of those) have fast paths with no Java serialization; anything else {@link java.io.Serializable} goes through {@link ObjectOutputStream}.
 */
public final class Codec {
    static final byte NULL = 0;
    static final byte BYTES = 1;
    static final byte STRING = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte DOUBLE = 5;
    static final byte FLOAT = 6;
    static final byte SHORT = 7;
    static final byte BYTE = 8;
    static final byte CHAR = 9;
    static final byte BOOLEAN = 10;
    static final byte INT_ARRAY = 11;
    static final byte LONG_ARRAY = 12;
    static final byte DOUBLE_ARRAY = 13;
    static final byte FLOAT_ARRAY = 14;
    static final byte SHORT_ARRAY = 15;
    static final byte CHAR_ARRAY = 16;
    static final byte BOOLEAN_ARRAY = 17;
    static final byte LIST = 18;
    static final byte NUMBER_LIST = 19;
    static final byte JAVA = 20;

    private Codec() {}

    /**
     * Encodes an object.
     *
     * @throws IllegalArgumentException if it cannot be serialized; the message names the class at fault
     */
    /**
     * @return whether {@code o} holds no other object, so that encoding it makes nothing depart
     *         ({@link Departures}): a number, a character, a boolean, a string, or an array of bytes
     */
    public static boolean isFlat(Object o) {
        return o == null || o instanceof Integer || o instanceof Long || o instanceof String || o instanceof byte[]
                || o instanceof Double || o instanceof Float || o instanceof Short || o instanceof Byte
                || o instanceof Character || o instanceof Boolean;
    }

    public static byte[] encode(Object o) {
        if (o == null) {
            return new byte[] {NULL};
        }
        if (o instanceof byte[] b) {
            byte[] out = new byte[1 + b.length];
            out[0] = BYTES;
            System.arraycopy(b, 0, out, 1, b.length);
            return out;
        }
        if (o instanceof String s && !hasLoneSurrogate(s)) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[1 + utf8.length];
            out[0] = STRING;
            System.arraycopy(utf8, 0, out, 1, utf8.length);
            return out;
        }
        if (o instanceof Integer i) {
            return ByteBuffer.allocate(5).put(INT).putInt(i).array();
        }
        if (o instanceof Long l) {
            return ByteBuffer.allocate(9).put(LONG).putLong(l).array();
        }
        if (o instanceof Double d) {
            return ByteBuffer.allocate(9).put(DOUBLE).putDouble(d).array();
        }
        if (o instanceof Float f) {
            return ByteBuffer.allocate(5).put(FLOAT).putFloat(f).array();
        }
        if (o instanceof Short s) {
            return ByteBuffer.allocate(3).put(SHORT).putShort(s).array();
        }
        if (o instanceof Byte b) {
            return new byte[] {BYTE, b};
        }
        if (o instanceof Character c) {
            return ByteBuffer.allocate(3).put(CHAR).putChar(c).array();
        }
        if (o instanceof Boolean b) {
            return new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
        }
        if (o instanceof int[] a) {
            ByteBuffer bb = ByteBuffer.allocate(1 + 4 * a.length).put(INT_ARRAY);
            bb.asIntBuffer().put(a);
            return bb.array();
        }
        if (o instanceof long[] a) {
            ByteBuffer bb = ByteBuffer.allocate(1 + 8 * a.length).put(LONG_ARRAY);
            bb.asLongBuffer().put(a);
            return bb.array();
        }
        if (o instanceof double[] a) {
            ByteBuffer bb = ByteBuffer.allocate(1 + 8 * a.length).put(DOUBLE_ARRAY);
            bb.asDoubleBuffer().put(a);
            return bb.array();
        }
        if (o instanceof float[] a) {
            ByteBuffer bb = ByteBuffer.allocate(1 + 4 * a.length).put(FLOAT_ARRAY);
            bb.asFloatBuffer().put(a);
            return bb.array();
        }
        if (o instanceof short[] a) {
            ByteBuffer bb = ByteBuffer.allocate(1 + 2 * a.length).put(SHORT_ARRAY);
            bb.asShortBuffer().put(a);
            return bb.array();
        }
        if (o instanceof char[] a) {
            ByteBuffer bb = ByteBuffer.allocate(1 + 2 * a.length).put(CHAR_ARRAY);
            bb.asCharBuffer().put(a);
            return bb.array();
        }
        if (o instanceof boolean[] a) {
            byte[] out = new byte[1 + a.length];
            out[0] = BOOLEAN_ARRAY;
            for (int i = 0; i < a.length; i++) {
                out[i + 1] = (byte) (a[i] ? 1 : 0);
            }
            return out;
        }
        if (o instanceof List<?> list) {
            byte[] numbers = numberList(list);
            if (numbers != null) {
                return numbers;
            }
            byte[] fast = list(list);
            if (fast != null) {
                return fast;
            }
        }
        return java(o);
    }

    /** {@code List.of(...)} is the class of a tuple-like message; its class names are not public API. */
    private static final Class<?> IMMUTABLE_LIST_12 = List.of(1).getClass();
    private static final Class<?> IMMUTABLE_LIST_N = List.of(1, 2, 3).getClass();
    private static final byte MUTABLE = 0;
    private static final byte IMMUTABLE = 1;

    /**
     * An {@code ArrayList} or a {@code List.of} whose elements all take a fast path, as a list of payloads:
     * {@code [LIST][kind][count]([length][payload])*}. It decodes to the same kind of list. Anything else
     * returns null and goes through Java serialization, which keeps its exact class.
     */
    private static byte[] list(List<?> list) {
        Class<?> c = list.getClass();
        byte kind;
        if (c == ArrayList.class) {
            kind = MUTABLE;
        } else if (c == IMMUTABLE_LIST_12 || c == IMMUTABLE_LIST_N) {
            kind = IMMUTABLE;
        } else {
            return null;
        }
        byte[][] parts = new byte[list.size()][];
        int size = 1 + 1 + 4;
        for (int i = 0; i < parts.length; i++) {
            byte[] p = encode(list.get(i));
            if (p[0] == JAVA) {
                return null;
            }
            parts[i] = p;
            size += 4 + p.length;
        }
        ByteBuffer bb = ByteBuffer.allocate(size).put(LIST).put(kind).putInt(parts.length);
        for (byte[] p : parts) {
            bb.putInt(p.length).put(p);
        }
        return bb.array();
    }

    private static final byte INTS = 0;
    private static final byte LONGS = 1;
    private static final byte DOUBLES = 2;

    private static byte listKind(List<?> list) {
        Class<?> c = list.getClass();
        if (c == ArrayList.class) {
            return MUTABLE;
        }
        if (c == IMMUTABLE_LIST_12 || c == IMMUTABLE_LIST_N) {
            return IMMUTABLE;
        }
        return -1;
    }

    /**
     * A non-empty {@code ArrayList} or {@code List.of} of only {@code Integer}s, only {@code Long}s or only
     * {@code Double}s, packed: {@code [NUMBER_LIST][kind][element type][count][values]}. The common payload of a
     * pool's {@code map}; four or eight bytes an element instead of a length and a tagged payload each.
     */
    private static byte[] numberList(List<?> list) {
        byte kind = listKind(list);
        int n = list.size();
        if (kind < 0 || n == 0) {
            return null;
        }
        Object first = list.get(0);
        byte type;
        int width;
        if (first instanceof Integer) {
            type = INTS;
            width = 4;
        } else if (first instanceof Long) {
            type = LONGS;
            width = 8;
        } else if (first instanceof Double) {
            type = DOUBLES;
            width = 8;
        } else {
            return null;
        }
        Class<?> c = first.getClass();
        ByteBuffer bb = ByteBuffer.allocate(1 + 1 + 1 + 4 + n * width).put(NUMBER_LIST).put(kind).put(type).putInt(n);
        for (int i = 0; i < n; i++) {
            Object e = list.get(i);
            if (e == null || e.getClass() != c) {
                return null;
            }
            switch (type) {
                case INTS -> bb.putInt((Integer) e);
                case LONGS -> bb.putLong((Long) e);
                default -> bb.putDouble((Double) e);
            }
        }
        return bb.array();
    }

    private static List<Object> decodeNumberList(ByteBuffer bb) {
        byte kind = bb.get();
        byte type = bb.get();
        int n = bb.getInt();
        int width = type == INTS ? 4 : 8;
        if (n < 0 || (long) n * width > bb.remaining()) {
            throw new MpException("a corrupt number list: " + n + " elements in " + bb.remaining() + " bytes");
        }
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(switch (type) {
                case INTS -> bb.getInt();
                case LONGS -> bb.getLong();
                default -> bb.getDouble();
            });
        }
        return kind == IMMUTABLE ? List.copyOf(out) : out;
    }

    private static List<Object> decodeList(ByteBuffer bb, byte[] p) {
        byte kind = bb.get();
        int n = bb.getInt();
        List<Object> out = new ArrayList<>(Math.min(n, bb.remaining() / 4));
        for (int i = 0; i < n; i++) {
            int length = bb.getInt();
            int from = bb.position();
            bb.position(from + length);
            out.add(decode(Arrays.copyOfRange(p, from, from + length)));
        }
        return kind == IMMUTABLE ? List.copyOf(out) : out;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] java(Object o) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(256);
        bos.write(JAVA);
        try (ObjectOutputStream out = objectOutputStream(bos)) {
            out.writeObject(o);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot serialize " + describe(o) + ": " + e.getMessage()
                    + " is not java.io.Serializable (" + hint(o, e.getMessage()) + ")", e);
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("cannot serialize " + describe(o) + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot serialize " + describe(o) + ": " + e, e);
        }
        return bos.toByteArray();
    }

    /**
     * Says what to do: for the mp4j objects that stay in their process by design, what to send instead; for a value a
     * lambda captured, not to capture it, and for {@code this}, why the lambda captured it.
     */
    private static String hint(Object o, String className) {
        Class<?> c = loadQuietly(className);
        if (c != null && dev.mp4j.Process.class.isAssignableFrom(c)) {
            return "a Process cannot be sent to another process; send its pid() or name()";
        }
        if (c != null && dev.mp4j.Context.class.isAssignableFrom(c)) {
            return "a Context cannot be sent to another process; call Multiprocessing.context() there";
        }
        if (c != null && (dev.mp4j.Pool.class.isAssignableFrom(c)
                || c.getName().startsWith("dev.mp4j.") && java.util.concurrent.ExecutorService.class.isAssignableFrom(c))) {
            return "a Pool cannot be sent to another process; its workers belong to the process that made it";
        }
        if (o.getClass().getName().equals(className)) {
            return "make it Serializable";
        }
        SerializedLambda lambda = serializedLambda(o);
        if (lambda != null) {
            String capturing = lambda.getCapturingClass().replace('/', '.');
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                Object arg = lambda.getCapturedArg(i);
                if (arg != null && arg.getClass().getName().equals(className)) {
                    return className.equals(capturing)
                            ? "the lambda uses " + whatItUses(lambda, o, className) + " of the " + className
                                    + " it was written in, so it captured that object, `this`: copy what it needs"
                                    + " into a local variable before the lambda and use that, make the method static,"
                                    + " or make " + className + " Serializable"
                            : "the lambda captured it: make it Serializable, or do not capture it";
                }
            }
        }
        return "make it Serializable, or leave it out of what you send";
    }

    /** @return "the field x and the method y()", as the lambda's body shows them, or the general words */
    private static String whatItUses(SerializedLambda lambda, Object o, String className) {
        List<String> uses = LambdaBody.usesOfItsClass(lambda, o.getClass().getClassLoader());
        if (uses.isEmpty()) {
            return "a field or a method";
        }
        List<String> named = uses.stream()
                .map(u -> (u.endsWith("()") ? "the method " : "the field ") + u).toList();
        return named.size() == 1 ? named.get(0)
                : String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
    }

    /** @return what a serializable lambda writes in its place, or null if {@code o} is none */
    private static SerializedLambda serializedLambda(Object o) {
        if (!o.getClass().isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = o.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(o) instanceof SerializedLambda sl ? sl : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Class<?> loadQuietly(String className) {
        try {
            return Class.forName(className, false, Codec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static String describe(Object o) {
        String name = o.getClass().getName();
        return name.contains("$$Lambda") ? "a lambda from " + name.substring(0, name.indexOf("$$Lambda")) : "an instance of " + name;
    }

    /**
     * Decodes a payload.
     *
     * @throws MpException if it cannot be decoded in this process (a missing class, a corrupt payload)
     */
    public static Object decode(byte[] p) {
        if (p.length == 0) {
            throw new MpException("cannot decode an empty payload: it was not made by mp4j's codec");
        }
        ByteBuffer bb = ByteBuffer.wrap(p, 1, p.length - 1);
        try {
            switch (p[0]) {
                case NULL: return null;
                case BYTES: return Arrays.copyOfRange(p, 1, p.length);
                case STRING: return new String(p, 1, p.length - 1, StandardCharsets.UTF_8);
                case INT: return bb.getInt();
                case LONG: return bb.getLong();
                case DOUBLE: return bb.getDouble();
                case FLOAT: return bb.getFloat();
                case SHORT: return bb.getShort();
                case BYTE: return p[1];
                case CHAR: return bb.getChar();
                case BOOLEAN: return p[1] != 0;
                case INT_ARRAY: { int[] a = new int[bb.remaining() / 4]; bb.asIntBuffer().get(a); return a; }
                case LONG_ARRAY: { long[] a = new long[bb.remaining() / 8]; bb.asLongBuffer().get(a); return a; }
                case DOUBLE_ARRAY: { double[] a = new double[bb.remaining() / 8]; bb.asDoubleBuffer().get(a); return a; }
                case FLOAT_ARRAY: { float[] a = new float[bb.remaining() / 4]; bb.asFloatBuffer().get(a); return a; }
                case SHORT_ARRAY: { short[] a = new short[bb.remaining() / 2]; bb.asShortBuffer().get(a); return a; }
                case CHAR_ARRAY: { char[] a = new char[bb.remaining() / 2]; bb.asCharBuffer().get(a); return a; }
                case BOOLEAN_ARRAY: {
                    boolean[] a = new boolean[p.length - 1];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = p[i + 1] != 0;
                    }
                    return a;
                }
                case LIST: return decodeList(bb, p);
                case NUMBER_LIST: return decodeNumberList(bb);
                case JAVA: return javaDecode(p);
                default: throw new MpException("cannot decode a payload with tag " + p[0] + ": it was not made by mp4j's codec");
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | NullPointerException e) {
            throw new MpException("cannot decode a truncated payload (tag " + p[0] + ", " + p.length + " bytes)", e);
        }
    }

    private static Object javaDecode(byte[] p) {
        try (ObjectInputStream in = objectInputStream(new ByteArrayInputStream(p, 1, p.length - 1))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new MpException("cannot decode an object of class " + e.getMessage()
                    + ": the class is not on this process's class path", e);
        } catch (InvalidClassException e) {
            if (String.valueOf(e.getMessage()).contains("REJECTED")) {
                throw new MpException(SerialFilter.refusal(e.getMessage()), e);
            }
            throw new MpException("cannot decode an object: " + e, e);
        } catch (IOException e) {
            throw new MpException("cannot decode an object: " + e, e);
        }
    }

    /**
     * The stream every object mp4j reads goes through: classes resolve through the thread's context class loader
     * first, and the {@link SerialFilter} (depth, array length and reference limits; {@code mp4j.serialFilter})
     * applies.
     *
     * @throws MpException if {@code mp4j.serialFilter} is malformed
     */
    public static ObjectInputStream objectInputStream(InputStream in) throws IOException {
        ObjectInputStream s = new ContextObjectInputStream(in);
        s.setObjectInputFilter(SerialFilter.get());
        return s;
    }

    /**
     * The stream every object mp4j writes goes through, to be read with {@link #objectInputStream}: a class from no
     * file of a class path carries where its class file can be had ({@link RemoteClasses}).
     */
    public static ObjectOutputStream objectOutputStream(OutputStream out) throws IOException {
        return new AnnotatingObjectOutputStream(out);
    }

    /** Writes a class's {@link RemoteClasses} annotation, if it needs one, in the class descriptor's custom data. */
    private static final class AnnotatingObjectOutputStream extends ObjectOutputStream {
        AnnotatingObjectOutputStream(OutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void annotateClass(Class<?> type) throws IOException {
            String annotation = RemoteClasses.annotation(type);
            if (annotation != null) {
                writeUTF(annotation);
            }
        }
    }

    /**
     * Resolves classes through the thread's context loader first, as application servers and test runners need; then
     * as Java does; then, for a class its writer annotated, from the class file the writer serves.
     */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            // the descriptor's custom data: empty (the end of block data comes next) unless the writer annotated it
            String annotation = available() > 0 ? readUTF() : null;
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl != null) {
                try {
                    return Class.forName(desc.getName(), false, cl);
                } catch (ClassNotFoundException ignored) {
                    // fall back to the default resolution (primitives, the latest user-defined loader)
                }
            }
            try {
                return super.resolveClass(desc);
            } catch (ClassNotFoundException e) {
                if (annotation == null) {
                    throw e;
                }
                return RemoteClasses.load(annotation, desc.getName());
            }
        }
    }
}
