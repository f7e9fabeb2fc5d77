package dev.gn4j.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShimIndexTest {

    @Test
    void theShimIndexRoundTrips() {
        ShimIndex index = new ShimIndex("abc", List.of(new ShimIndex.Entry("libcublas.so.12", "libcublas.so.13", 649),
                new ShimIndex.Entry("libcusolver.so.11", "libcusolver.so.12", 463)));
        assertEquals(index, ShimIndex.parse(index.format()));
        assertThrows(IllegalArgumentException.class, () -> ShimIndex.parse("libcublas.so.12 649\n"));
    }
}
