import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic regression teacher: y = vᵀ tanh(W x / √d) / √h + noise, x ~ N(0, I_d), W and v standard normal.
 * Usage: java Teacher.java OUT.csv ROWS INPUTS HIDDEN NOISE SEED
 * The same arguments always write the same file (SplittableRandom from SEED).
 */
public final class Teacher {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int d = Integer.parseInt(args[2]);
        int h = Integer.parseInt(args[3]);
        double noise = Double.parseDouble(args[4]);
        SplittableRandom rnd = new SplittableRandom(Long.parseLong(args[5]));
        double[][] w = new double[h][d];
        double[] v = new double[h];
        for (int j = 0; j < h; j++) {
            for (int k = 0; k < d; k++) {
                w[j][k] = gaussian(rnd);
            }
            v[j] = gaussian(rnd);
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(out))) {
            StringBuilder header = new StringBuilder();
            for (int k = 0; k < d; k++) {
                header.append('x').append(k + 1).append(',');
            }
            pw.println(header.append('y'));
            double[] x = new double[d];
            for (int i = 0; i < n; i++) {
                StringBuilder row = new StringBuilder();
                for (int k = 0; k < d; k++) {
                    x[k] = gaussian(rnd);
                    row.append(String.format(Locale.ROOT, "%.17g,", x[k]));
                }
                double y = 0;
                for (int j = 0; j < h; j++) {
                    double z = 0;
                    for (int k = 0; k < d; k++) {
                        z += w[j][k] * x[k];
                    }
                    y += v[j] * Math.tanh(z / Math.sqrt(d));
                }
                y = y / Math.sqrt(h) + noise * gaussian(rnd);
                pw.println(row.append(String.format(Locale.ROOT, "%.17g", y)));
            }
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
