package dev.gn4j.engine.data;

/**
 * Derives independent seeds from the run seed, a purpose tag and a counter (epoch,
 * step): every random choice is a pure function of these, so nothing random has to
 * be saved for an exact resume.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long mix(long seed, long purpose, long counter) {
        return splitmix(splitmix(splitmix(seed) ^ purpose) + counter);
    }

    private static long splitmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
