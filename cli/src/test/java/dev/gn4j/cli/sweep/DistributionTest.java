package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each distribution draws inside its bounds and covers them as it should. */
class DistributionTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int DRAWS = 4000;

    private static Distribution parse(String yaml) throws Exception {
        return Distribution.parse(YAML.readTree(yaml), "test");
    }

    @Test
    void uniformStaysInItsBoundsAndFillsThem() throws Exception {
        Distribution d = parse("{uniform: [0, 0.95]}");
        SplittableRandom rng = new SplittableRandom(1);
        double min = 1;
        double max = 0;
        for (int i = 0; i < DRAWS; i++) {
            double v = (Double) d.draw(rng);
            assertTrue(v >= 0 && v <= 0.95, "drew " + v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min < 0.01 && max > 0.94, "spread over the whole range: " + min + " .. " + max);
    }

    @Test
    void logUniformStaysInItsBoundsAndSpreadsEvenlyOverTheDecades() throws Exception {
        Distribution d = parse("{log-uniform: [1e-4, 10]}");
        SplittableRandom rng = new SplittableRandom(2);
        int[] perDecade = new int[5]; // [1e-4, 1e-3), ..., [1, 10]
        for (int i = 0; i < DRAWS; i++) {
            double v = (Double) d.draw(rng);
            assertTrue(v >= 1e-4 && v <= 10, "drew " + v);
            perDecade[Math.min(4, (int) Math.floor(Math.log10(v) + 4))]++;
        }
        // Five decades, each with a fifth of the draws (a plain uniform would put 90 % in the last one).
        for (int k = 0; k < 5; k++) {
            assertTrue(Math.abs(perDecade[k] - DRAWS / 5) < DRAWS / 20, "decade " + k + " got " + perDecade[k] + " of " + DRAWS);
        }
    }

    @Test
    void intUniformDrawsEveryIntegerOfItsClosedRangeAndNothingElse() throws Exception {
        Distribution d = parse("{int-uniform: [2, 5]}");
        SplittableRandom rng = new SplittableRandom(3);
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            seen.add(d.draw(rng));
        }
        assertEquals(Set.of(2L, 3L, 4L, 5L), seen);
    }

    @Test
    void choiceDrawsEachValue() throws Exception {
        Distribution d = parse("{choice: [4-tanh, 8-relu, 16-gelu]}");
        SplittableRandom rng = new SplittableRandom(4);
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            seen.add(d.draw(rng));
        }
        assertEquals(Set.of("4-tanh", "8-relu", "16-gelu"), seen);
    }

    @Test
    void badSpecificationsAreOneSentenceNamingTheProblem() {
        List<List<String>> cases = List.of(
                List.of("{normal: [0, 1]}", "unknown distribution 'normal'"),
                List.of("0.1", "must be a distribution such as"),
                List.of("{uniform: [1, 0]}", "lo 1 > hi 0"),
                List.of("{log-uniform: [0, 1]}", "needs lo > 0"),
                List.of("{log-uniform: [-1, 1]}", "needs lo > 0"),
                List.of("{int-uniform: [1, 2.5]}", "needs integer bounds"),
                List.of("{uniform: [0]}", "needs two bounds"),
                List.of("{uniform: [a, 1]}", "'a' is not a number"),
                List.of("{choice: []}", "non-empty list"));
        for (List<String> c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(c.get(0)), c.get(0));
            assertTrue(e.getMessage().startsWith("test") && e.getMessage().contains(c.get(1)), c.get(0) + ": " + e.getMessage());
        }
    }
}
