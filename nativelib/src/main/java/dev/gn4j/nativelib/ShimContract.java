package dev.gn4j.nativelib;

/**
 * What the CUDA 13 shims, generated at build time by gn4j-shimgen, and gn4j-native's loader must agree
 * on besides the {@link ShimIndex}. Written once here because neither module can see the other's code.
 */
public final class ShimContract {
    /**
     * Directories holding the CUDA libraries: the loader's search looks there first, and each shim's
     * constructor dlopens its CUDA 13 library from them before trying the soname.
     */
    public static final String LIB_DIR_ENV = "GN4J_CUDA_LIB_DIR";

    private ShimContract() {
    }

    /**
     * The one platform the shims exist for: their trampolines are x86-64 assembly, and JCuda's natives on
     * Maven Central here are linux-x86_64. Elsewhere the generator builds nothing and the loader loads nothing.
     */
    public static boolean isLinuxX8664() {
        String arch = System.getProperty("os.arch", "");
        return System.getProperty("os.name", "").startsWith("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
