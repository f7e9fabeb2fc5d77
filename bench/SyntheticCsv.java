import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Random classification data for timing runs (values do not change a step's cost):
 * java bench/SyntheticCsv.java OUT.csv ROWS FEATURES CLASSES [SEED]
 */
public class SyntheticCsv {
    public static void main(String[] a) throws IOException {
        Path out = Path.of(a[0]);
        int rows = Integer.parseInt(a[1]), features = Integer.parseInt(a[2]), classes = Integer.parseInt(a[3]);
        Random rng = new Random(a.length > 4 ? Long.parseLong(a[4]) : 1);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            StringBuilder h = new StringBuilder();
            for (int j = 0; j < features; j++) {
                h.append('x').append(j).append(',');
            }
            w.println(h.append("label"));
            for (int i = 0; i < rows; i++) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < features; j++) {
                    sb.append(String.format(java.util.Locale.ROOT, "%.4f", rng.nextGaussian())).append(',');
                }
                w.println(sb.append(rng.nextInt(classes)));
            }
        }
    }
}
