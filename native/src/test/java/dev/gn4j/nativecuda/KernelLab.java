package dev.gn4j.nativecuda;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One running kernel lab (kernels/lab/kernel_lab.cpp) as a {@link KernelStream}: device
 * memory is the lab process's memory, and each launch runs the kernel there on CPU threads
 * before it returns. When the lab fails (a sanitizer report, a deadlock, a misuse of a
 * barrier or a shuffle), the next call throws a {@link Failure} carrying what the lab printed.
 */
final class KernelLab implements KernelStream, AutoCloseable {
    /** The lab stopped: what it printed says why. */
    static final class Failure extends AssertionError {
        Failure(String message) {
            super(message);
        }
    }

    /** A device address in the lab process. */
    record Address(long value) implements DevicePointer {
    }

    private final Process process;
    private final OutputStream toLab;
    private final DataInputStream fromLab;
    private final Path stderr;
    private final LaunchGrid grid;
    private final Address partials;
    private final Address result;
    private final Set<String> launched = new TreeSet<>();

    private KernelLab(Process process, Path stderr, LaunchGrid grid) {
        this.process = process;
        this.stderr = stderr;
        this.grid = grid;
        this.toLab = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.fromLab = new DataInputStream(process.getInputStream());
        this.partials = new Address(allocate((long) grid.partials() * Double.BYTES));
        this.result = new Address(allocate(Double.BYTES));
    }

    /** Starts {@code executable} (from {@link KernelLabBuild}); {@code parallel} runs a block's threads at once. */
    static KernelLab start(Path executable, LaunchGrid grid, boolean parallel) {
        try {
            Path err = Files.createTempFile("kernel-lab", ".stderr");
            err.toFile().deleteOnExit();
            List<String> cmd = new ArrayList<>(List.of(executable.toAbsolutePath().toString()));
            if (parallel) {
                cmd.add("--parallel");
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0");
            pb.environment().put("UBSAN_OPTIONS", "print_stacktrace=1");
            pb.environment().put("TSAN_OPTIONS", "halt_on_error=1:exitcode=66");
            return new KernelLab(pb.start(), err, grid);
        } catch (IOException e) {
            throw new Failure("the kernel lab did not start: " + e.getMessage());
        }
    }

    /** The lab's entries with the signatures it read from their C++ declarations ("name" → "lpp"). */
    Map<String, String> entrySignatures() {
        send(ByteBuffer.allocate(1).put((byte) 'S'));
        Map<String, String> out = new LinkedHashMap<>();
        try {
            int count = Integer.reverseBytes(fromLab.readInt());
            for (int i = 0; i < count; i++) {
                int len = Short.toUnsignedInt(Short.reverseBytes(fromLab.readShort()));
                String[] line = new String(fromLab.readNBytes(len), StandardCharsets.UTF_8).split(" ", 2);
                out.put(line[0], line.length > 1 ? line[1] : "");
            }
        } catch (IOException e) {
            throw died(e);
        }
        return out;
    }

    /** The entry points launched so far. */
    Set<String> launched() {
        return launched;
    }

    long allocate(long bytes) {
        send(command('A', 8).putLong(bytes));
        return readLong();
    }

    void free(long address) {
        send(command('F', 8).putLong(address));
        ack();
    }

    void write(long address, byte[] bytes) {
        send(command('W', 16).putLong(address).putLong(bytes.length));
        try {
            toLab.write(bytes);
            toLab.flush();
        } catch (IOException e) {
            throw died(e);
        }
        ack();
    }

    byte[] read(long address, int bytes) {
        send(command('R', 16).putLong(address).putLong(bytes));
        try {
            byte[] out = fromLab.readNBytes(bytes);
            if (out.length != bytes) {
                throw died(null);
            }
            return out;
        } catch (IOException e) {
            throw died(e);
        }
    }

    @Override
    public LaunchGrid grid() {
        return grid;
    }

    @Override
    public void launch(String entry, int blocks, int threads, KernelArgs args) {
        Kernel.requireSignature(entry, args);
        byte[] name = entry.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = command('L', 2 + name.length + 9 + 9 * args.count());
        b.putShort((short) name.length).put(name).putInt(blocks).putInt(threads).put((byte) args.count());
        for (int i = 0; i < args.count(); i++) {
            Object v = args.value(i);
            b.put((byte) args.letter(i));
            switch (args.letter(i)) {
                case 'p' -> b.putLong(((Address) v).value());
                case 'i' -> b.putInt((Integer) v).putInt(0);
                case 'l' -> b.putLong((Long) v);
                case 'f' -> b.putFloat((Float) v).putInt(0);
                case 'd' -> b.putDouble((Double) v);
                default -> throw new IllegalStateException("kernel argument letter " + args.letter(i));
            }
        }
        send(b);
        ack();
        launched.add(entry);
    }

    @Override
    public Address partials() {
        return partials;
    }

    @Override
    public Address result() {
        return result;
    }

    @Override
    public double readResult() {
        return ByteBuffer.wrap(read(result.value(), Double.BYTES)).order(ByteOrder.LITTLE_ENDIAN).getDouble();
    }

    @Override
    public void zero(DeviceMat m) {
        send(command('Z', 16).putLong(((Address) m.address()).value()).putLong(m.bytes()));
        ack();
    }

    @Override
    public void copy(DeviceMat src, DeviceMat dst) {
        send(command('C', 24).putLong(((Address) dst.address()).value()).putLong(((Address) src.address()).value())
                .putLong(src.bytes()));
        ack();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                toLab.write('Q');
                toLab.flush();
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // already gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    private static ByteBuffer command(char c, int payload) {
        return ByteBuffer.allocate(1 + payload).order(ByteOrder.LITTLE_ENDIAN).put((byte) c);
    }

    private void send(ByteBuffer b) {
        try {
            toLab.write(b.array(), 0, b.position());
            toLab.flush();
        } catch (IOException e) {
            throw died(e);
        }
    }

    private void ack() {
        try {
            if (fromLab.read() != 0) {
                throw died(null);
            }
        } catch (IOException e) {
            throw died(e);
        }
    }

    private long readLong() {
        try {
            return Long.reverseBytes(fromLab.readLong());
        } catch (IOException e) {
            throw died(e);
        }
    }

    /** The failure to report once the lab's output ended: its exit code and what it printed. */
    private Failure died(Exception cause) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String printed;
        try (InputStream in = Files.newInputStream(stderr)) {
            printed = new String(in.readNBytes(64 << 10), StandardCharsets.UTF_8);
        } catch (IOException e) {
            printed = "(its output could not be read: " + e.getMessage() + ")";
        }
        String exit = process.isAlive() ? "still running" : "exit " + process.exitValue();
        Failure f = new Failure("the kernel lab stopped (" + exit + "):\n" + printed.strip());
        if (cause != null) {
            f.initCause(cause);
        }
        return f;
    }
}
