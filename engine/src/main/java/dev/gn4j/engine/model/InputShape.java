package dev.gn4j.engine.model;

import java.util.Locale;

/**
 * The image a sample's features are, for convolutions: {@code channels} maps of
 * {@code height} × {@code width}, features in NCHW order (channel by channel, each map row by
 * row, as PyTorch lays out an image tensor and as IDX files store their pixels).
 */
public record InputShape(int channels, int height, int width) {
    public InputShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("an input shape needs positive channels, height and width, got "
                    + channels + "×" + height + "×" + width);
        }
    }

    /** Reads C×H×W (or CxHxW; H×W is one channel). */
    public static InputShape parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("[×x*]", -1);
        try {
            if (parts.length == 3) {
                return new InputShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()));
            }
            if (parts.length == 2) {
                return new InputShape(1, Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("an input shape is C×H×W (e.g. 1x28x28 or 3x32x32), got '" + text + "'");
    }

    public int features() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
