package dev.eddy.kernel.internal.boot;

import dev.eddy.kernel.internal.eval.JShellEvaluator;
import dev.eddy.kernel.internal.util.Log;
import dev.eddy.magics.api.MagicProvider;
import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The background warm-ups after JShell's, in order and out of the user's way. On a 2-core machine a cold
 * Calcite planning (1-3 s of class loading and JIT) running next to the first cell made that cell twice as
 * slow, so: JShell warms first (on its own thread, skipped once a request waits); then, on one low-priority
 * thread, Calcite and the magic providers warm up in small steps, each step only after the kernel has been
 * idle for a short quiet time. A cell that arrives mid-step shares the CPU with that one step only.
 */
final class WarmUps {
    private static final Log LOG = Log.of(WarmUps.class);
    /** How long no request must have run before the next step starts. */
    static final long QUIET_MS = 300;

    private WarmUps() {}

    /** Starts the warm-up thread; it waits for {@code jshellWarm} first. */
    static Thread start(JShellEvaluator java, CompletableFuture<Void> jshellWarm, List<MagicProvider> providers) {
        List<Runnable> steps = new ArrayList<>(sqlSteps());
        providers.forEach(p -> steps.add(p::warmUp));
        Thread t = new Thread(() -> run(java, jshellWarm, steps), "eddy-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    private static void run(JShellEvaluator java, CompletableFuture<Void> jshellWarm, List<Runnable> steps) {
        long t0 = System.nanoTime();
        try {
            jshellWarm.join();
            for (Runnable step : steps) {
                java.awaitIdle(QUIET_MS);
                try {
                    step.run();
                } catch (RuntimeException | LinkageError e) {
                    // warming is an optimisation: a real request shows the same problem with its own message
                    LOG.warn("a warm-up step failed", e);
                }
            }
            LOG.debug("background warm-ups done " + (System.nanoTime() - t0) / 1_000_000 + " ms after start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("background warm-up stopped", e);
        }
    }

    /**
     * Calcite's cold path in three steps of increasing cost: parse and DDL, a windowed streaming plan, a batch
     * query through Calcite's JDBC and generated code. A private catalog: nothing shows up in the user's session.
     */
    static List<Runnable> sqlSteps() {
        Sql[] sql = new Sql[1];
        return List.of(
                () -> {
                    sql[0] = new Sql(new SqlCatalog());
                    sql[0].execute("CREATE STREAM warm (k STRING, v BIGINT, ts TIMESTAMP(3),"
                            + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'memory')");
                    sql[0].catalog().registerTable("warm_t", Table.create("warm_t", StringColumn.create("k", "a")));
                },
                () -> sql[0].execute("SELECT window.start, k, COUNT(*), SUM(v) FROM warm WHERE v > 0"
                        + " GROUP BY window(ts, '10 seconds', '5 seconds'), k"),
                () -> sql[0].execute("SELECT k, COUNT(*) AS n FROM warm_t GROUP BY k ORDER BY n DESC LIMIT 5"));
    }
}
