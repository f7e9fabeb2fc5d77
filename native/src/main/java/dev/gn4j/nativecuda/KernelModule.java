package dev.gn4j.nativecuda;

/**
 * One kernels/*.cu file, compiled by the build to the PTX resource
 * {@code dev/gn4j/kernels/NAME.ptx} of gn4j-native and loaded as one CUDA module.
 */
enum KernelModule {
    ACTIVATIONS("activations"),
    LOSSES("losses"),
    GRAM("gram"),
    ELEMENTWISE("elementwise"),
    OPTIM("optim"),
    CONV("conv");

    /** Classpath folder of the PTX files and of BUILD-INFO (written by kernels/build-ptx.sh). */
    static final String RESOURCE_DIR = "dev/gn4j/kernels/";

    private final String fileName;

    KernelModule(String fileName) {
        this.fileName = fileName;
    }

    /** The base name shared by kernels/NAME.cu and NAME.ptx. */
    String fileName() {
        return fileName;
    }

    String resource() {
        return RESOURCE_DIR + fileName + ".ptx";
    }
}
