package dev.gn4j.cli;

/**
 * A sweep worker's lifeline. The sweep starts each worker with {@link #PARENT_PID} set to its
 * own pid, often in a session of the worker's own, where no signal of the sweep's terminal
 * reaches it. If the sweep dies, even by SIGKILL, the worker notices within a second and
 * stops as on SIGTERM (finishing its step and saving), instead of training on as an orphan
 * that a rerun of the sweep would meet in the same folder.
 */
final class ParentWatch implements AutoCloseable {
    static final String PARENT_PID = "GN4J_PARENT_PID";
    private static final long POLL_MILLIS = 500;

    private final Thread thread;

    private ParentWatch(Thread thread) {
        this.thread = thread;
    }

    /** Watches the process named by {@link #PARENT_PID}, if the environment names one. */
    static ParentWatch start(StopSignal stop) {
        String pid = System.getenv(PARENT_PID);
        if (pid == null || pid.isBlank()) {
            return new ParentWatch(null);
        }
        java.util.Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        Thread t = new Thread(() -> {
            try {
                while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                    Thread.sleep(POLL_MILLIS);
                }
                stop.stop("the sweep that started this run, pid " + pid.trim() + ", has ended", 15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gn4j-parent-watch");
        t.setDaemon(true);
        t.start();
        return new ParentWatch(t);
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
