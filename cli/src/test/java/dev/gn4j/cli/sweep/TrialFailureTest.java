package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What error.txt says of a failed worker (issue 14, item 12). */
class TrialFailureTest {
    @Test
    void aKilledWorkerIsSaidToBeKilledNotByItsLastLogLine() {
        List<String> tail = List.of("12:00:01 INFO  training 10 → 4 tanh → 1 with sgd on cpu", "12:00:02 INFO  step 40/100");
        assertEquals("the worker was killed by SIGKILL (often the kernel's out-of-memory killer, or a scheduler's time limit), exit 137",
                TrialFailure.messageOf(137, tail));
        assertEquals("gn4j: data file 'x.csv' does not exist", TrialFailure.messageOf(3, List.of("gn4j: data file 'x.csv' does not exist")));
        assertEquals("12:00:02 INFO  step 40/100", TrialFailure.messageOf(1, tail), "a plain failure keeps its last line");
    }
}
