package dev.gn4j.engine.data;

/** A dataset's training split and, where it has one, its official test split (else null). */
public record DatasetSplits(Dataset train, Dataset test) {
    public boolean hasTest() {
        return test != null;
    }
}
