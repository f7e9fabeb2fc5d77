package dev.gn4j.engine.backend;

/**
 * The geometry of one 2-D convolution (or pooling window) over images in NCHW order: a
 * sample's features are its channels one after the other, each a row-major H × W map, so
 * feature c·H·W + y·W + x is channel c at row y, column x (PyTorch's order, so weights and
 * images made there need no transpose). A square {@code kernel}, the same {@code stride} and
 * zero {@code padding} on both axes.
 */
public record ConvShape(int channels, int height, int width, int kernel, int stride, int padding) {

    public ConvShape {
        if (channels < 1 || height < 1 || width < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("a convolution needs positive channels, height, width, kernel and stride "
                    + "and a padding of 0 or more; got " + this);
        }
        if (height + 2L * padding < kernel || width + 2L * padding < kernel) {
            throw new IllegalArgumentException("a " + kernel + "×" + kernel + " window does not fit a " + height + "×" + width
                    + " image with padding " + padding);
        }
    }

    public int outHeight() {
        return (height + 2 * padding - kernel) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - kernel) / stride + 1;
    }

    /** Output positions P = outHeight · outWidth. */
    public int positions() {
        return outHeight() * outWidth();
    }

    /** Entries of one patch, Q = channels · kernel²: the row length of {@code im2col}'s matrix. */
    public int patchSize() {
        return channels * kernel * kernel;
    }

    /** Features of one input sample, channels · height · width. */
    public int inputFeatures() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width + " k" + kernel + " s" + stride + " p" + padding;
    }
}
