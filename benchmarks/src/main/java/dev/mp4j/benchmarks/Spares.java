package dev.mp4j.benchmarks;

/**
 * The {@code spares} parameter of the start benchmarks: {@code default} leaves mp4j's default (warm spare JVMs),
 * {@code 0} sets {@code mp4j.spares=0}, so that every child starts cold.
 */
final class Spares {
    /**
     * The untimed pause before each run, in which the spares that the run before took are replaced. A spare boots in
     * about half a second here (a JVM, its connection to this one, a warm-up); this leaves room on a noisy machine.
     */
    static final long PAUSE_MILLIS = 1_500;

    private Spares() {}

    static void set(String spares) {
        if ("default".equals(spares)) {
            System.clearProperty("mp4j.spares");
        } else {
            System.setProperty("mp4j.spares", spares);
        }
    }

    static void pause() throws InterruptedException {
        Thread.sleep(PAUSE_MILLIS);
    }
}
