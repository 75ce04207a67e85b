package dev.mp4j.core.process;

/** The main class of the JVMs {@link ClassDataArchiveTest} trains an archive with and then starts from it. */
public final class ArchiveProbe {
    private ArchiveProbe() {}

    public static void main(String[] args) {
        // a class of its own and a few of the JDK's that no default archive holds in this combination
        System.out.println(new java.util.concurrent.ConcurrentSkipListMap<String, Integer>().getClass().getName());
    }
}
