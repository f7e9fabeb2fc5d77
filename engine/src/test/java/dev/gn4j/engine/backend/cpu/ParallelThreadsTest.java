package dev.gn4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParallelThreadsTest {
    @Test
    void theJavaKernelsFollowOpenblasThreadSetting() {
        assertEquals(1, Parallel.threadsFromEnvironment("1", 8));
        assertEquals(3, Parallel.threadsFromEnvironment(" 3 ", 8));
        assertEquals(8, Parallel.threadsFromEnvironment(null, 8));
        assertEquals(8, Parallel.threadsFromEnvironment("zero", 8), "unreadable: the cores");
        assertEquals(8, Parallel.threadsFromEnvironment("0", 8));
    }
}
