package dev.gn4j.cli.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A worker's device: {@code cpu}, {@code auto}, {@code gpu}, or {@code gpu:N} for GPU N.
 * gn4j train always uses the first visible GPU, so {@code gpu:N} becomes
 * {@code --device gpu} with {@code CUDA_VISIBLE_DEVICES=N} in the worker's environment;
 * listing the same GPU twice puts two workers on it.
 *
 * @param name    as written ("gpu:1")
 * @param flag    the value of train's --device
 * @param visible CUDA_VISIBLE_DEVICES for the worker, or null to leave the environment alone
 */
public record DeviceSlot(String name, String flag, String visible) {
    public static DeviceSlot parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "cpu", "auto", "gpu" -> {
                return new DeviceSlot(s, s, null);
            }
            case "cuda" -> {
                return new DeviceSlot(s, "gpu", null);
            }
            default -> {
                if (s.matches("(gpu|cuda):[0-9]{1,3}")) {
                    return new DeviceSlot(s, "gpu", s.substring(s.indexOf(':') + 1));
                }
                throw new IllegalArgumentException("devices: '" + text.trim() + "' is not a device (expected cpu, auto, gpu or gpu:N)");
            }
        }
    }

    public static List<DeviceSlot> parseAll(List<String> names) {
        List<DeviceSlot> out = new ArrayList<>();
        for (String n : names) {
            for (String part : n.split(",")) {
                if (!part.isBlank()) {
                    out.add(parse(part));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Round-robin: worker w of a sweep gets slot w mod |slots|; null (train's own --device) when there are none. */
    public static DeviceSlot forWorker(List<DeviceSlot> slots, int worker) {
        return slots.isEmpty() ? null : slots.get(worker % slots.size());
    }

    public boolean gpu() {
        return flag.equals("gpu");
    }
}
