package dev.gn4j.engine.memory;

import java.util.Locale;

/**
 * The Java heap this process can still allocate, and the check made before a large
 * allocation (a data file's columns, the parameters' host copies), so that a file or model
 * too large for the heap is one sentence with the sizes instead of minutes of garbage
 * collection ending in an OutOfMemoryError.
 */
public final class HeapBudget {
    /** The advice every refusal ends with. */
    public static final String MORE_HEAP = "give Java more memory (GN4J_JAVA_OPTS=-Xmx...)";

    private HeapBudget() {
    }

    /**
     * The heap's maximum less what is in use now. Garbage counts as in use, so the figure is
     * on the low side; {@link #require} collects once before it refuses.
     */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Throws {@link InsufficientMemory} when {@code bytes} exceed the heap left.
     *
     * @param what names the allocation and its sizes ("reading data.csv, about 1,234,567 rows × 21 columns,")
     * @param fix  what to do besides giving Java more memory ("use a smaller file")
     */
    public static void require(long bytes, String what, String fix) {
        if (bytes <= available()) {
            return;
        }
        // Only on the way to a refusal: the heap may hold garbage from loading the program.
        System.gc();
        long left = available();
        if (bytes > left) {
            throw new InsufficientMemory(String.format(Locale.ROOT, "%s needs about %s of Java heap, more than the %s left: %s, or %s",
                    what, size(bytes), size(left), fix, MORE_HEAP));
        }
    }

    /** Bytes as MiB or GiB, one decimal. */
    public static String size(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        double gib = bytes / (double) (1L << 30);
        return gib >= 1 ? String.format(Locale.ROOT, "%.1f GiB", gib) : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    /** a·b, or Long.MAX_VALUE where it would overflow (both non-negative). */
    public static long saturatingProduct(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** a + b, or Long.MAX_VALUE where it would overflow (both non-negative). */
    public static long saturatingSum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
