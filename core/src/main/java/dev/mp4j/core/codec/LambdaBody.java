package dev.mp4j.core.codec;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.SerializedLambda;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a lambda's body uses of the object it was written in: the fields it reads or writes and the methods it calls on
 * that class, read from the class file of the class that wrote it. These are why the lambda captured {@code this}, and
 * an error that names them tells the user which line to change.
 *
 * <p>A small reader of the class-file format (JVMS chapter 4): the constant pool, then the one method that holds the
 * lambda's body, then its bytecode, walked instruction by instruction for {@code getfield}, {@code putfield},
 * {@code invokevirtual}, {@code invokespecial} and {@code invokeinterface} whose owner is that class. It is used only
 * to word an error, so it never throws: a class file it cannot find or read gives an empty answer.
 */
final class LambdaBody {
    private static final int GETFIELD = 0xb4;
    private static final int PUTFIELD = 0xb5;
    private static final int INVOKEVIRTUAL = 0xb6;
    private static final int INVOKESPECIAL = 0xb7;
    private static final int INVOKEINTERFACE = 0xb9;
    private static final int TABLESWITCH = 0xaa;
    private static final int LOOKUPSWITCH = 0xab;
    private static final int WIDE = 0xc4;
    private static final int IINC = 0x84;
    /** The class files of lambdas are small; a larger one is not read. */
    private static final int MAX_CLASS_FILE_BYTES = 16 << 20;

    private LambdaBody() {}

    /**
     * @param lambda what the lambda writes in its place
     * @param loader the loader of the class that wrote it
     * @return in the order the body first uses them, {@code field name} for its fields and {@code name()} for its
     *         methods; empty if the class file cannot be read, or the body uses none (a constant field is inlined)
     */
    static List<String> usesOfItsClass(SerializedLambda lambda, ClassLoader loader) {
        String owner = lambda.getImplClass();
        if (loader == null || !owner.equals(lambda.getCapturingClass())) {
            return List.of();
        }
        try (InputStream in = loader.getResourceAsStream(owner + ".class")) {
            if (in == null) {
                return List.of();
            }
            byte[] bytes = in.readNBytes(MAX_CLASS_FILE_BYTES);
            return new Reader(bytes).uses(owner, lambda.getImplMethodName(), lambda.getImplMethodSignature());
        } catch (IOException | RuntimeException e) {
            return List.of(); // a class file this reader does not understand: the error keeps its general words
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private Object[] pool; // Utf8 as String, Class and String as Integer, refs and NameAndType as int[2]

        Reader(byte[] bytes) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        List<String> uses(String owner, String method, String descriptor) throws IOException {
            if (in.readInt() != 0xCAFEBABE) {
                return List.of();
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            readPool();
            in.readUnsignedShort(); // access
            in.readUnsignedShort(); // this
            in.readUnsignedShort(); // super
            skip(2L * in.readUnsignedShort()); // interfaces
            int fields = in.readUnsignedShort();
            for (int i = 0; i < fields; i++) {
                skip(6);
                skipAttributes();
            }
            int methods = in.readUnsignedShort();
            for (int i = 0; i < methods; i++) {
                in.readUnsignedShort(); // access
                String name = utf8(in.readUnsignedShort());
                String desc = utf8(in.readUnsignedShort());
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8(in.readUnsignedShort());
                    int length = in.readInt();
                    if (name.equals(method) && desc.equals(descriptor) && attribute.equals("Code")) {
                        in.readUnsignedShort(); // max stack
                        in.readUnsignedShort(); // max locals
                        byte[] code = new byte[in.readInt()];
                        in.readFully(code);
                        return scan(code, owner);
                    }
                    skip(length);
                }
            }
            return List.of();
        }

        private void readPool() throws IOException {
            int count = in.readUnsignedShort();
            pool = new Object[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> pool[i] = in.readUTF();
                    case 7, 8, 16, 19, 20 -> pool[i] = in.readUnsignedShort();
                    case 3, 4 -> skip(4);
                    case 5, 6 -> {
                        skip(8);
                        i++; // a long or a double takes two entries
                    }
                    case 9, 10, 11, 12, 17, 18 -> pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 15 -> skip(3);
                    default -> throw new IOException("constant pool tag " + tag);
                }
            }
        }

        private List<String> scan(byte[] code, String owner) {
            Set<String> uses = new LinkedHashSet<>();
            int pc = 0;
            while (pc < code.length) {
                int op = code[pc] & 0xff;
                switch (op) {
                    case GETFIELD, PUTFIELD, INVOKEVIRTUAL, INVOKESPECIAL, INVOKEINTERFACE -> {
                        int[] ref = (int[]) pool[u2(code, pc + 1)];
                        String refOwner = utf8((Integer) pool[ref[0]]);
                        String name = utf8(((int[]) pool[ref[1]])[0]);
                        if (refOwner.equals(owner) && !name.equals("<init>")) {
                            uses.add(op == GETFIELD || op == PUTFIELD ? name : name + "()");
                        }
                    }
                    default -> { }
                }
                pc += length(code, pc);
            }
            return List.copyOf(uses);
        }

        /** The length of the instruction at {@code pc}, its operands included (JVMS 6.5). */
        private static int length(byte[] code, int pc) {
            int op = code[pc] & 0xff;
            if (op == TABLESWITCH || op == LOOKUPSWITCH) {
                int at = (pc + 4) & ~3; // the operands start at a multiple of four from the start of the code
                if (op == TABLESWITCH) {
                    int low = s4(code, at + 4);
                    int high = s4(code, at + 8);
                    return at - pc + 12 + 4 * (high - low + 1);
                }
                return at - pc + 8 + 8 * s4(code, at + 4);
            }
            if (op == WIDE) {
                return (code[pc + 1] & 0xff) == IINC ? 6 : 4;
            }
            return LENGTHS[op];
        }

        private static final int[] LENGTHS = lengths();

        private static int[] lengths() {
            int[] l = new int[256];
            Arrays.fill(l, 1);
            l[0x10] = 2; // bipush
            l[0x11] = 3; // sipush
            l[0x12] = 2; // ldc
            l[0x13] = 3; // ldc_w
            l[0x14] = 3; // ldc2_w
            for (int op = 0x15; op <= 0x19; op++) {
                l[op] = 2; // loads with an index
            }
            for (int op = 0x36; op <= 0x3a; op++) {
                l[op] = 2; // stores with an index
            }
            l[IINC] = 3;
            for (int op = 0x99; op <= 0xa8; op++) {
                l[op] = 3; // ifs, goto, jsr
            }
            l[0xa9] = 2; // ret
            for (int op = 0xb2; op <= 0xb8; op++) {
                l[op] = 3; // field access, invokevirtual/special/static
            }
            l[INVOKEINTERFACE] = 5;
            l[0xba] = 5; // invokedynamic
            l[0xbb] = 3; // new
            l[0xbc] = 2; // newarray
            l[0xbd] = 3; // anewarray
            l[0xc0] = 3; // checkcast
            l[0xc1] = 3; // instanceof
            l[0xc5] = 4; // multianewarray
            l[0xc6] = 3; // ifnull
            l[0xc7] = 3; // ifnonnull
            l[0xc8] = 5; // goto_w
            l[0xc9] = 5; // jsr_w
            return l;
        }

        private static int u2(byte[] code, int at) {
            return (code[at] & 0xff) << 8 | code[at + 1] & 0xff;
        }

        private static int s4(byte[] code, int at) {
            return (code[at] & 0xff) << 24 | (code[at + 1] & 0xff) << 16 | (code[at + 2] & 0xff) << 8
                    | code[at + 3] & 0xff;
        }

        private String utf8(int index) {
            return (String) pool[index];
        }

        private void skipAttributes() throws IOException {
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                skip(2);
                skip(in.readInt() & 0xffffffffL);
            }
        }

        private void skip(long n) throws IOException {
            if (in.skip(n) != n) {
                throw new IOException("truncated class file");
            }
        }
    }
}
