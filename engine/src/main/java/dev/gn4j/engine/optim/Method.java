package dev.gn4j.engine.optim;

import java.util.Arrays;
import java.util.Locale;

/** The optimizers gn4j offers, by the name the command line and config.json use. */
public enum Method {
    EGN("egn"),
    GGN("ggn"),
    SMW_GN("smw-gn"),
    SMW_NG("smw-ng"),
    LM("lm"),
    SGD("sgd"),
    ADAM("adam");

    private final String flag;

    Method(String flag) {
        this.flag = flag;
    }

    /** The name as written on the command line: egn, smw-gn, … */
    public String flag() {
        return flag;
    }

    /** SGD and Adam: no curvature, no batch-space system. */
    public boolean isFirstOrder() {
        return this == SGD || this == ADAM;
    }

    /** The step size when --lr is not given: 1 for the Gauss-Newton family, 0.01 for sgd, 0.001 for adam. */
    public double defaultLr() {
        return switch (this) {
            case SGD -> 0.01;
            case ADAM -> 0.001;
            default -> 1.0;
        };
    }

    /** The flags of every method, in this order. */
    public static String[] flags() {
        return Arrays.stream(values()).map(Method::flag).toArray(String[]::new);
    }

    /** @throws IllegalArgumentException naming the methods, for a name that is none of them */
    public static Method parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            if (m.flag.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (expected one of " + String.join(", ", flags()) + ")");
    }
}
