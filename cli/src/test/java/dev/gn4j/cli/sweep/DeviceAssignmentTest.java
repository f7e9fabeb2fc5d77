package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workers get devices round-robin, and a worker's device becomes train's --device plus,
 * for gpu:N, CUDA_VISIBLE_DEVICES=N (gn4j uses the first visible GPU). No GPU is needed:
 * this checks the command lines the workers would get.
 */
class DeviceAssignmentTest {
    private final TrialLauncher launcher = new TrialLauncher(List.of("java", "-cp", "cp", "dev.gn4j.cli.Main"), true);
    private final TrialFolder folder = new TrialFolder(Path.of("/sweeps/s/trials/0002-lr1"));

    @Test
    void devicesParse() {
        assertEquals(new DeviceSlot("cpu", "cpu", null), DeviceSlot.parse("CPU"));
        assertEquals(new DeviceSlot("gpu", "gpu", null), DeviceSlot.parse("gpu"));
        assertEquals(new DeviceSlot("gpu:1", "gpu", "1"), DeviceSlot.parse(" gpu:1 "));
        assertEquals(new DeviceSlot("cuda:2", "gpu", "2"), DeviceSlot.parse("cuda:2"));
        assertEquals(new DeviceSlot("auto", "auto", null), DeviceSlot.parse("auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSlot.parse("gpu1"));
        assertEquals("devices: 'gpu1' is not a device (expected cpu, auto, gpu or gpu:N)", e.getMessage());
    }

    @Test
    void workersTakeDevicesRoundRobinSoSeveralCanShareAGpu() {
        List<DeviceSlot> slots = DeviceSlot.parseAll(List.of("gpu:0,gpu:0", "gpu:1"));
        List<String> byWorker = java.util.stream.IntStream.range(0, 5).mapToObj(w -> DeviceSlot.forWorker(slots, w).name()).toList();
        assertEquals(List.of("gpu:0", "gpu:0", "gpu:1", "gpu:0", "gpu:0"), byWorker);
        assertNull(DeviceSlot.forWorker(List.of(), 3), "no devices: each trial's own --device");
    }

    @Test
    void aGpuSlotBecomesDeviceGpuWithThatGpuVisible() {
        TrialLauncher.Launch l = launcher.launch(folder, DeviceSlot.parse("gpu:1"), false);
        assertEquals(List.of("java", "-cp", "cp", "dev.gn4j.cli.Main", "train", "--config", "/sweeps/s/trials/0002-lr1/trial.json",
                "--out", "/sweeps/s/trials/0002-lr1", "--device", "gpu"), l.command());
        assertEquals(Map.of("CUDA_VISIBLE_DEVICES", "1"), l.environment());
    }

    @Test
    void aResumeContinuesTheFolderOnTheWorkersDevice() {
        TrialLauncher.Launch l = launcher.launch(folder, DeviceSlot.parse("cpu"), true);
        assertEquals(List.of("java", "-cp", "cp", "dev.gn4j.cli.Main", "train", "--resume", "/sweeps/s/trials/0002-lr1", "--device", "cpu"),
                l.command());
        assertEquals(Map.of(), l.environment());
    }

    @Test
    void withoutDevicesTheTrialsOwnOptionDecides() {
        TrialLauncher.Launch l = launcher.launch(folder, null, false);
        assertEquals("--out", l.command().get(l.command().size() - 2));
        assertEquals(Map.of(), l.environment());
    }
}
