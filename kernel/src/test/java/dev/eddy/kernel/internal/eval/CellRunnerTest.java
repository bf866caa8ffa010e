package dev.eddy.kernel.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.magics.api.LineMagic;
import dev.eddy.magics.api.render.MimeBundle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cells, completion, is_complete and inspect against a real in-process JShell. */
class CellRunnerTest {
    private static InProcessCells cells;
    private static CellRunner runner;
    private final List<String> out = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        cells = new InProcessCells(List.of("import java.util.*;"));
        runner = cells.runner();
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    private CellContext cell() {
        return cells.cell(out::add);
    }

    private EvalResult run(String code) {
        return cells.run(code, out::add);
    }

    @Test
    void when_cellEndsWithExpression_then_itsLiveValueIsTheResult() {
        EvalResult r = run("int base = 40;\nList<Integer> xs = new ArrayList<>(List.of(base, 2));\nxs");
        assertThat(r).isInstanceOf(EvalResult.Ok.class);
        assertThat(((EvalResult.Ok) r).value()).isEqualTo(List.of(40, 2));
    }

    @Test
    void when_cellEndsWithStatement_then_thereIsNoResult() {
        assertThat(run("int unused = 3;")).isEqualTo(EvalResult.Ok.none());
    }

    @Test
    void when_cellPrints_then_outputGoesToTheCellBuffer() {
        run("System.out.println(\"hi from cell\");");
        assertThat(String.join("", out)).isEqualTo("hi from cell\n");
    }

    @Test
    void when_codeDoesNotCompile_then_errorNamesTheLine() {
        EvalResult r = run("int ok = 1;\nint bad = undefinedThing + 1;");
        assertThat(r).isInstanceOf(EvalResult.Error.class);
        EvalResult.Error e = (EvalResult.Error) r;
        assertThat(e.ename()).isEqualTo("CompilationError");
        assertThat(e.evalue()).contains("cannot find symbol");
        assertThat(e.traceback().get(0)).startsWith("Line 2:");
    }

    @Test
    void when_cellThrows_then_errorHasExceptionClassAndMessage() {
        EvalResult.Error e = (EvalResult.Error) run("throw new IllegalStateException(\"boom\");");
        assertThat(e.ename()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.evalue()).isEqualTo("boom");
    }

    @Test
    void when_cellDereferencesNullVariable_then_messageAndFrameUseTheCellsNamesAndLines() {
        EvalResult.Error e = (EvalResult.Error) run("String nothing = null;\n\nnothing.length()");
        assertThat(e.ename()).isEqualTo("java.lang.NullPointerException");
        assertThat(e.evalue()).isEqualTo("Cannot invoke \"String.length()\" because \"nothing\" is null");
        assertThat(e.traceback())
                .containsExactly(
                        "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"nothing\" is null",
                        "\tat line 3 of this cell");
    }

    @Test
    void when_methodOfEarlierCellThrows_then_framesNameItsLineThereAndTheCallingLineHere() {
        run("class Holder { int[] slots = new int[2]; }\n"
                + "void put(Holder h, int i) {\n  int twice = i * 2;\n  h.slots[twice] = 1;\n}");
        EvalResult.Error e = (EvalResult.Error) run("Holder h = new Holder();\nput(h, 0);\nput(h, 5);");
        assertThat(e.ename()).isEqualTo("java.lang.ArrayIndexOutOfBoundsException");
        assertThat(e.traceback())
                .containsExactly(
                        "java.lang.ArrayIndexOutOfBoundsException: Index 10 out of bounds for length 2",
                        "\tat put (line 4 of an earlier cell: void put(Holder h, int i) {)",
                        "\tat line 3 of this cell");
        EvalResult.Error field = (EvalResult.Error) run("Holder none = null;\nint n = none.slots.length;");
        assertThat(field.evalue()).isEqualTo("Cannot read field \"slots\" because \"none\" is null");
        assertThat(field.traceback()).doesNotContain("$JShell$").last().isEqualTo("\tat line 2 of this cell");
    }

    @Test
    void when_messageNamesGeneratedClasses_then_theUsersNamesAreShown() {
        assertThat(JavaErrors.userNames("because \"REPL.$JShell$16.o\" is null"))
                .isEqualTo("because \"o\" is null");
        assertThat(JavaErrors.userNames("class REPL.$JShell$12$Point cannot be cast to class java.lang.String"))
                .isEqualTo("class Point cannot be cast to class java.lang.String");
        assertThat(JavaErrors.userNames("\"REPL.$JShell$12$Point.x\" is null")).isEqualTo("\"Point.x\" is null");
        assertThat(JavaErrors.userNames("no snippet here")).isEqualTo("no snippet here");
    }

    @Test
    void when_tightLoopIsInterrupted_then_cellStopsAndNextCellRuns() throws Exception {
        ExecutorService shell = Executors.newSingleThreadExecutor();
        try {
            Future<EvalResult> loop = shell.submit(() -> runner.run("long n = 0; while (true) { n++; }", cell()));
            // Interrupting repeatedly until the cell ends: the first may land while it still compiles.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!loop.isDone() && System.nanoTime() < deadline) {
                runner.interrupt();
                try {
                    loop.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    // still running: interrupt again
                }
            }
            assertThat(loop.get()).isInstanceOf(EvalResult.Error.class);
            assertThat(((EvalResult.Error) loop.get()).ename()).isEqualTo("Interrupted");
            assertThat(((EvalResult.Ok) run("1 + 1")).value()).isEqualTo(2);
        } finally {
            shell.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void when_interruptComesRightAfterTheCellBegins_then_itsLoopNeverRuns() {
        // The kernel begins a cell before it publishes execute_input; a client that interrupts on seeing that
        // reaches the cell before its code is compiled or queued. One interrupt, no retry: it must not be lost.
        runner.begin();
        runner.interrupt();
        EvalResult r = runner.runBegun("long n = 0; while (true) { n++; }", cell());
        assertThat(r).isInstanceOf(EvalResult.Error.class);
        assertThat(((EvalResult.Error) r).ename()).isEqualTo("Interrupted");
        assertThat(((EvalResult.Ok) run("1 + 1")).value()).isEqualTo(2);
    }

    @Test
    void when_blockingMagicIsInterrupted_then_itStopsWithInterruptedAndNextCellRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        runner.magics().register(LineMagic.of("blockForever", "waits until interrupted", (args, ctx) -> {
            started.countDown();
            new CountDownLatch(1).await();
            return "never";
        }));
        assertInterruptedOnceStarted("%blockForever", started);
    }

    /** Lets the magics that ignore interrupts end once their test is over (a given-up thread is not killed). */
    private static volatile boolean releaseSpinners;

    @AfterAll
    static void releaseSpinners() {
        releaseSpinners = true;
    }

    @Test
    void when_magicIgnoresInterrupt_then_itIsGivenUpSayingWhereAndNextCellRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        runner.magics().register(LineMagic.of("spinForever", "ignores interrupts", (args, ctx) -> {
            started.countDown();
            long n = 0;
            while (!releaseSpinners) {
                n = (n + 1) % 1_000_000;
                Thread.interrupted();
            }
            return n;
        }));
        EvalResult.Error e = assertEndsOnceStarted("%spinForever", started, JavaErrors.NOT_STOPPED);
        assertThat(e.evalue())
                .startsWith("this cell could not be stopped: it is stuck in ")
                .endsWith("(RUNNABLE); restart the kernel");
    }

    @Test
    void when_magicSwallowsInterruptAndReturns_then_cellStillReportsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        runner.magics().register(LineMagic.of("swallow", "returns when interrupted", (args, ctx) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                return "partial";
            }
            return "never";
        }));
        assertInterruptedOnceStarted("%swallow", started);
    }

    @Test
    void when_magicIsGivenUpWhileInitialisingAClass_then_theClassStaysUsable() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        runner.magics().register(LineMagic.of("slowInit", "a slow class initialiser, then spins", (args, ctx) -> {
            started.countDown();
            long v = SlowInit.VALUE;
            while (!releaseSpinners) {
                v = (v + 1) % 1_000_000;
                Thread.interrupted();
            }
            return v;
        }));
        assertEndsOnceStarted("%slowInit", started, JavaErrors.NOT_STOPPED);
        runner.magics().register(LineMagic.of("readInit", "reads the class", (a, c) -> SlowInit.VALUE));
        assertThat(((EvalResult.Ok) run("%readInit")).value()).isEqualTo(7L);
    }

    /** Its initialiser outlasts the magics' stop bound and ignores interrupts, like a cold library's first use. */
    private static final class SlowInit {
        static final long VALUE;

        static {
            long until =
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KernelExecutionControl.MAGIC_STOP_BOUND_MS + 500);
            long spins = 0;
            while (System.nanoTime() < until) {
                spins++;
                Thread.interrupted();
            }
            VALUE = spins >= 0 ? 7 : 0;
        }
    }

    private void assertInterruptedOnceStarted(String cell, CountDownLatch started) throws Exception {
        assertEndsOnceStarted(cell, started, JavaErrors.INTERRUPTED);
    }

    private EvalResult.Error assertEndsOnceStarted(String cell, CountDownLatch started, String ename) throws Exception {
        ExecutorService shell = Executors.newSingleThreadExecutor();
        try {
            Future<EvalResult> magic = shell.submit(() -> runner.run(cell, cell()));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            runner.interrupt();
            EvalResult r = magic.get(60, TimeUnit.SECONDS);
            assertThat(r).isInstanceOf(EvalResult.Error.class);
            assertThat(((EvalResult.Error) r).ename()).isEqualTo(ename);
            assertThat(((EvalResult.Ok) run("40 + 2")).value()).isEqualTo(42);
            assertThat(run("%lsmagic")).isInstanceOf(EvalResult.Ok.class);
            return (EvalResult.Error) r;
        } finally {
            shell.shutdownNow();
        }
    }

    @Test
    void when_isCompleteIsAsked_then_javaAndMagicsAreJudged() throws Exception {
        assertThat(runner.completeness("1 + 1")).isEqualTo("complete");
        assertThat(runner.completeness("for (int i = 0; i < 3; i++) {")).isEqualTo("incomplete");
        assertThat(runner.completeness("int y = (")).isEqualTo("incomplete");
        assertThat(runner.completeness("%%html\n<b>")).isEqualTo("complete");
        assertThat(runner.completeness("%lsmagic\nint z = (")).isEqualTo("incomplete");
    }

    @Test
    void when_completing_then_javaMembersAndMagicNamesAreOffered() throws Exception {
        Completions c = runner.complete("Math.ma", 7);
        assertThat(c.matches()).contains("max(");
        assertThat(c.start()).isEqualTo(5);
        Completions m = runner.complete("%lsm", 4);
        assertThat(m.matches()).containsExactly("lsmagic");
        assertThat(m.start()).isEqualTo(1);
        assertThat(runner.complete("%%ht", 4).matches()).containsExactly("html");
    }

    @Test
    void when_inspecting_then_signaturesOrMagicHelpAreFound() throws Exception {
        assertThat(runner.inspect("Math.max", 8)).anyMatch(s -> s.contains("max(int"));
        assertThat(runner.inspect("%lsmagic", 3)).singleElement().asString().contains("lists");
        assertThat(runner.inspect("", 0)).isEmpty();
    }

    @Test
    void when_magicIsUnknown_then_errorSuggestsTheNearestName() {
        EvalResult.Error e = (EvalResult.Error) run("%lsmagik");
        assertThat(e.ename()).isEqualTo("MagicError");
        assertThat(e.evalue()).contains("%lsmagic");
    }

    @Test
    void when_cellMixesMagicAndJava_then_bothRunInOrder() {
        EvalResult r = run("%lsmagic\nint fromMixed = 5;\nfromMixed * 2");
        assertThat(((EvalResult.Ok) r).value()).isEqualTo(10);
    }

    @Test
    void when_cellMagicRuns_then_itsBundleIsTheResult() {
        EvalResult r = run("%%markdown\n# Title");
        assertThat(((EvalResult.Ok) r).value()).isEqualTo(MimeBundle.markdown("# Title"));
    }
}
