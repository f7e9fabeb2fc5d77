package dev.gn4j.bench;

/** Floating-point operations and compulsory memory traffic (bytes read plus bytes written) of some work. */
public record Cost(double flops, double bytes) {
    public static final Cost ZERO = new Cost(0, 0);

    public Cost plus(Cost other) {
        return new Cost(flops + other.flops, bytes + other.bytes);
    }

    public Cost times(double n) {
        return new Cost(flops * n, bytes * n);
    }

    public double gflop() {
        return flops / 1e9;
    }

    public double gbytes() {
        return bytes / 1e9;
    }
}
