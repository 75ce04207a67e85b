package dev.mp4j.transport.chronicle;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags Chronicle Queue needs on JDK 17 and later, and which of them the running JVM lacks. Chronicle maps
 * its files through {@code sun.nio.ch.FileChannelImpl}, frees mappings through {@code jdk.internal.ref.Cleaner},
 * and reads private fields through {@code java.lang.reflect}; on JDK 22+ its native calls need native access, and
 * on JDK 24+ its {@code sun.misc.Unsafe} memory access warns unless allowed.
 */
final class JvmFlags {
    private static final int FEATURE = Runtime.version().feature();

    private JvmFlags() {
    }

    /** Every flag a JVM of this version needs for Chronicle, as given on a {@code java} command line. */
    static List<String> required() {
        List<String> flags = new ArrayList<>(List.of(
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"));
        if (FEATURE >= 22) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        if (FEATURE >= 24) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    /** The flags of {@link #required()} that this JVM was started without. */
    static List<String> missing() {
        Module base = Object.class.getModule();
        Module ours = JvmFlags.class.getModule(); // unnamed on the class path, as Chronicle's: ALL-UNNAMED reaches it
        List<String> missing = new ArrayList<>();
        if (!base.isOpen("java.lang.reflect", ours)) {
            missing.add("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED");
        }
        if (!base.isOpen("sun.nio.ch", ours)) {
            missing.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        }
        if (!base.isExported("jdk.internal.ref", ours)) {
            missing.add("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");
        }
        if (FEATURE >= 22 && !nativeAccessEnabled(ours)) {
            missing.add("--enable-native-access=ALL-UNNAMED");
        }
        if (FEATURE >= 24 && !"allow".equals(System.getProperty("sun.misc.unsafe.memory.access"))) {
            missing.add("--sun-misc-unsafe-memory-access=allow");
        }
        return missing;
    }

    /** {@code Module.isNativeAccessEnabled()}, a JDK 22 method, called by reflection to compile for 17. */
    private static boolean nativeAccessEnabled(Module module) {
        try {
            Method m = Module.class.getMethod("isNativeAccessEnabled");
            return (Boolean) m.invoke(module);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
