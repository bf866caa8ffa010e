package dev.eddy.kernel.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The instrumented cell classes against a real in-process JShell: interrupt stops loops, recursion, lambdas and
 * nested classes through their stop checks (ename Interrupted, never the give-up error); exit calls in every form
 * become errors; a cell that no interrupt can end (a deadlock, a spin in code that is not a cell's) is given up
 * with a one-line reason and the next cell runs.
 */
public class CellStopAndExitTest {
    private static InProcessCells cells;
    private static CellRunner runner;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final ExecutorService shell = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() {
        cells = new InProcessCells(
                List.of("import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;"));
        runner = cells.runner();
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    @AfterEach
    void releaseSpinners() {
        Spinner.release = true;
        shell.shutdownNow();
    }

    private CellContext cell() {
        return cells.cell(out::add);
    }

    private EvalResult run(String code) {
        return cells.run(code, out::add);
    }

    /** Runs {@code code} on a shell thread, interrupts once {@code running} holds, and returns the cell's error. */
    private EvalResult.Error interruptWhen(String code, BooleanSupplier running) throws Exception {
        Future<EvalResult> f = shell.submit(() -> runner.run(code, cell()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!running.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("the cell got under way")
                    .isNegative();
            assertThat(f.isDone())
                    .as("the cell ended before it was interrupted: %s", f.isDone() ? f.get() : "")
                    .isFalse();
            Thread.onSpinWait();
        }
        runner.interrupt();
        EvalResult r = f.get(60, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(EvalResult.Error.class);
        assertThat(((EvalResult.Ok) run("40 + 2")).value())
                .as("the next cell runs")
                .isEqualTo(42);
        return (EvalResult.Error) r;
    }

    /** Interrupts repeatedly until the cell ends (the first may land while it compiles) and returns its result. */
    private EvalResult interruptUntilDone(String code) throws Exception {
        Future<EvalResult> f = shell.submit(() -> runner.run(code, cell()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!f.isDone() && System.nanoTime() < deadline) {
            runner.interrupt();
            try {
                f.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // still running: interrupt again
            }
        }
        assertThat(f.isDone()).as("the cell ended").isTrue();
        assertThat(((EvalResult.Ok) run("40 + 2")).value())
                .as("the next cell runs")
                .isEqualTo(42);
        return f.get();
    }

    private static void assertStoppedByCheck(EvalResult r) {
        assertThat(r).isInstanceOf(EvalResult.Error.class);
        assertThat(((EvalResult.Error) r).ename()).as(r.toString()).isEqualTo(JavaErrors.INTERRUPTED);
    }

    @Test
    void when_emptyLoopIsInterrupted_then_itsStopCheckEndsIt() throws Exception {
        assertStoppedByCheck(interruptUntilDone("while (true) {}"));
    }

    @Test
    void when_loopCatchesEverythingIsInterrupted_then_itIsStoppedAgainAtTheNextIteration() throws Exception {
        assertStoppedByCheck(interruptUntilDone(
                "long caught = 0; while (true) { try { Thread.sleep(1); } catch (Throwable t) { caught++; } }"));
    }

    @Test
    void when_recursionWithoutLoopsIsInterrupted_then_methodEntryChecksEndIt() throws Exception {
        run("void fork(int depth) { if (depth < 60) { fork(depth + 1); fork(depth + 1); } }");
        assertStoppedByCheck(interruptUntilDone("fork(0);"));
    }

    @Test
    void when_lambdaCalledByJdkLoopIsInterrupted_then_itsEntryCheckEndsIt() throws Exception {
        assertStoppedByCheck(interruptUntilDone(
                "java.util.stream.LongStream.iterate(0, i -> i + 1).map(i -> i * 2).forEach(i -> { });"));
    }

    @Test
    void when_methodOfClassDefinedInCellIsInterrupted_then_itStops() throws Exception {
        run("class Looper { long n; static class Inner { void spin() { for (;;) { } } } void go() { do { n++; } "
                + "while (n != -1); } }");
        assertStoppedByCheck(interruptUntilDone("new Looper.Inner().spin();"));
        assertStoppedByCheck(interruptUntilDone("new Looper().go();"));
    }

    @Test
    void when_cellSleepsIsInterrupted_then_theThreadInterruptEndsIt() throws Exception {
        assertStoppedByCheck(interruptUntilDone("Thread.sleep(600_000);"));
    }

    @Test
    void when_loopStartedThreadIsInterrupted_then_onlyTheCellStopsAndTheThreadRuns() throws Exception {
        run("var beats = new java.util.concurrent.atomic.AtomicLong();\n"
                + "Thread beater = new Thread(() -> { while (beats.get() >= 0) { beats.incrementAndGet(); } });\n"
                + "beater.setDaemon(true); beater.start();");
        assertStoppedByCheck(interruptUntilDone("while (true) {}"));
        assertThat(((EvalResult.Ok) run("long before = beats.get(); while (beats.get() == before) {} beater.isAlive()"))
                        .value())
                .isEqualTo(true);
        run("beats.set(Long.MIN_VALUE);");
    }

    @Test
    void when_cellCallsAnyExit_then_itIsAnErrorAndTheKernelRuns() {
        assertExitError("System.exit(3);", "System.exit(3)");
        assertExitError("Runtime.getRuntime().exit(4);", "Runtime.exit(4)");
        assertExitError("Runtime.getRuntime().halt(5);", "Runtime.halt(5)");
        assertExitError("Runtime rt = Runtime.getRuntime(); rt.halt(6);", "Runtime.halt(6)");
        assertExitError("IntConsumer quit = System::exit; quit.accept(7);", "System.exit(7)");
        assertExitError("IntConsumer halt = Runtime.getRuntime()::halt; halt.accept(8);", "Runtime.halt(8)");
        assertExitError(
                "BiConsumer<Runtime, Integer> ex = Runtime::exit; ex.accept(Runtime.getRuntime(), 9);",
                "Runtime.exit(9)");
        assertExitError("Runnable r = () -> System.exit(10); r.run();", "System.exit(10)");
        assertExitError("class Quitter { void quit() { System.exit(11); } } new Quitter().quit();", "System.exit(11)");
        assertExitError("void quitLater() { Runtime.getRuntime().halt(12); } quitLater();", "Runtime.halt(12)");
        assertThat(((EvalResult.Ok) run("1 + 1")).value()).isEqualTo(2);
    }

    private void assertExitError(String code, String call) {
        EvalResult r = run(code);
        assertThat(r).as(code).isInstanceOf(EvalResult.Error.class);
        EvalResult.Error e = (EvalResult.Error) r;
        assertThat(e.ename()).isEqualTo(ExitAttemptException.class.getName());
        assertThat(e.evalue()).startsWith(call + " was called from a cell").contains("keeps running");
    }

    @Test
    void when_cellThreadIsDeadlockedWithAnother_then_itIsGivenUpNamingBothAndTheShellServes() throws Exception {
        run("Object lockA = new Object(); Object lockB = new Object();\n"
                + "CountDownLatch holdsB = new CountDownLatch(1), holdsA = new CountDownLatch(1);\n"
                + "Thread other = new Thread(() -> { synchronized (lockB) { holdsB.countDown();\n"
                + "  try { holdsA.await(); } catch (InterruptedException e) { return; }\n"
                + "  synchronized (lockA) { } } }, \"cell-locker\");\n"
                + "other.setDaemon(true);");
        String deadlock = "other.start();\n"
                + "synchronized (lockA) { holdsB.await(); holdsA.countDown(); synchronized (lockB) { } }";
        EvalResult.Error e = interruptWhen(
                deadlock, () -> ManagementFactory.getThreadMXBean().findDeadlockedThreads() != null);
        assertThat(e.ename()).isEqualTo(JavaErrors.NOT_STOPPED);
        assertThat(e.evalue())
                .startsWith("this cell could not be stopped: threads ")
                .contains("\"cell-locker\"")
                .contains("\"eddy-eval")
                .contains(" are deadlocked; restart the kernel")
                .doesNotContain("\n");
        // the cell's variables survive; JShell goes on on a fresh thread
        assertThat(((EvalResult.Ok) run("other.getState()")).value()).isEqualTo(Thread.State.BLOCKED);
        assertThat(((EvalResult.Ok) run("int afterDeadlock = 5; afterDeadlock * 2")).value())
                .isEqualTo(10);
    }

    @Test
    void when_cellSpinsInCodeThatIsNoCell_then_itIsGivenUpNamingWhereAndTheShellServes() throws Exception {
        Spinner.release = false;
        Spinner.spinning = new CountDownLatch(1);
        EvalResult.Error e = interruptWhen(
                "dev.eddy.kernel.internal.eval.CellStopAndExitTest.Spinner.spinIgnoringInterrupts()",
                () -> Spinner.spinning.getCount() == 0);
        assertThat(e.ename()).isEqualTo(JavaErrors.NOT_STOPPED);
        assertThat(e.evalue())
                .isEqualTo("this cell could not be stopped: it is stuck in " + Spinner.class.getName()
                        + ".spinIgnoringInterrupts (RUNNABLE); restart the kernel");
        // interrupting an idle kernel afterwards changes nothing
        runner.interrupt();
        assertThat(((EvalResult.Ok) run("\"still \" + \"here\"")).value()).isEqualTo("still here");
    }

    /** Kernel-side code (not a cell's, so not instrumented) that ignores interrupts until the test ends. */
    public static final class Spinner {
        static volatile boolean release;
        static volatile CountDownLatch spinning = new CountDownLatch(1);

        public static long spinIgnoringInterrupts() {
            spinning.countDown();
            long n = 0;
            while (!release) {
                n++;
                Thread.interrupted();
            }
            return n;
        }
    }
}
