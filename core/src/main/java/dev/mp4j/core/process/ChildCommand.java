package dev.mp4j.core.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line of a child JVM: only the {@code java} binary, JVM flags, the class path and {@link ChildMain},
 * never a secret; and the {@code mp4j.*} properties the child inherits over its standard input.
 */
final class ChildCommand {
    private ChildCommand() {}

    /**
     * @param classPath the child's, from {@link #classPath()}: computed once by the caller, so that the class-data
     *                  archive chosen for the child is the one for the class path it gets
     * @throws dev.mp4j.MpException if the class path would not hold mp4j's runtime ({@link ChildClassPath#check})
     */
    static List<String> of(List<String> flags, String classPath) {
        ChildClassPath.check(classPath);
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ChildMain.class.getName());
        return cmd;
    }

    static String classPath() {
        return ChildClassPath.current();
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** @return this process's {@code mp4j.*} system properties, which its children take on */
    static Map<String, String> mp4jProperties() {
        Map<String, String> props = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k instanceof String key && key.startsWith("mp4j.") && v instanceof String value) {
                props.put(key, value);
            }
        });
        return props;
    }
}
