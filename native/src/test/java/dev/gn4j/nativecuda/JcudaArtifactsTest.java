package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jcuda.JCudaVersion;
import org.junit.jupiter.api.Test;

/**
 * The JCuda jars native/pom.xml declares, checked without loading any native library:
 * JCuda 12.6.0's Java and linux-x86_64 natives, and cuSOLVER's Java classes from jcusolver
 * 11.7.0 paired with jcusolver-natives 12.6.0. That pairing works because JCusolver loads
 * "JCusolver-" + JCudaVersion.get(), and JCudaVersion comes from the 12.6.0 jcuda jar.
 */
class JcudaArtifactsTest {
    private static final ClassLoader CL = JcudaArtifactsTest.class.getClassLoader();

    @Test
    void jcudaIs1260() {
        assertEquals("12.6.0", JCudaVersion.get());
    }

    @Test
    void linuxNativesOfEveryBindingAreOnTheClasspath() {
        for (String lib : new String[] {"JCudaDriver", "JCublas2", "JCusolver"}) {
            String resource = "lib/lib" + lib + "-" + JCudaVersion.get() + "-linux-x86_64.so";
            assertNotNull(CL.getResource(resource), resource + " is missing");
        }
    }

    @Test
    void jcusolverLoadsItsNativeLibraryByTheJcudaVersion() throws IOException {
        String classFile;
        try (InputStream in = CL.getResourceAsStream("jcuda/jcusolver/JCusolver.class")) {
            assertNotNull(in, "jcusolver classes are missing");
            classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertTrue(classFile.contains("JCusolver-"), "JCusolver no longer names its library \"JCusolver-\" + version");
        assertTrue(classFile.contains("jcuda/JCudaVersion"), "JCusolver no longer takes the version from JCudaVersion");
    }

    @Test
    void the1170TransitivesAreExcluded() {
        assertNull(CL.getResource("lib/libJCudaDriver-11.7.0-linux-x86_64.so"), "jcuda-natives 11.7.0 leaked in");
        assertNull(CL.getResource("lib/libJCusolver-11.7.0-linux-x86_64.so"), "jcusolver-natives 11.7.0 leaked in");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jcuda.jcusparse.JCusparse", false, CL),
                "jcusparse 11.7.0 leaked in (only cuSOLVER's sparse API needs it, and gn4j does not use that)");
    }
}
