package dev.mp4j.shm;

/** Atomic addition on a {@code double} kept as raw bits: the CPU has no such instruction, so a CAS loop. */
final class DoubleBits {
    private DoubleBits() {
    }

    static double getAndAdd(MappedSegment seg, int off, double delta) {
        for (;;) {
            long bits = seg.getLongVolatile(off);
            double old = Double.longBitsToDouble(bits);
            if (seg.compareAndSetLong(off, bits, Double.doubleToRawLongBits(old + delta))) {
                return old;
            }
        }
    }
}
