package dev.gn4j.cli.sweep;

import dev.gn4j.engine.io.FolderLock;
import dev.gn4j.engine.train.Trainer;
import java.nio.file.Path;

/** A stand-in for an earlier sweep's worker: holds a run folder's lock for a while, as a saving orphan does, then exits. */
public final class FolderHolder {
    private FolderHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FolderLock lock = FolderLock.acquire(Path.of(args[0]), Trainer.RUN_LOCK, "the stand-in worker")) {
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
    }
}
