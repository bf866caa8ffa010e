package dev.eddy.kernel.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eddy.kernel.internal.eval.CellContext;
import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.kernel.internal.eval.EvalResult;
import dev.eddy.kernel.internal.eval.JShellEvaluator;
import dev.eddy.kernel.internal.eval.StdStreams;
import dev.eddy.kernel.internal.eval.StreamBuffer;
import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared session variables of the start-up survive whatever a cell imports. */
class StartupVariablesTest {
  private static JShellEvaluator java;
  private static CellRunner runner;
  private static ScheduledExecutorService timer;

  @BeforeAll
  static void start() {
    StdStreams.install();
    timer = Executors.newSingleThreadScheduledExecutor();
    java = new JShellEvaluator(System.getProperty("java.class.path"), Startup.IMPORTS, System.err);
    runner = new CellRunner(java, MagicRegistry.withBuiltins(), r -> null);
  }

  @AfterAll
  static void stop() {
    java.close();
    timer.shutdownNow();
  }

  private EvalResult run(String code) {
    CellContext c = new CellContext(JsonNodeFactory.instance.objectNode(), new StreamBuffer("stdout", timer, s -> { }),
        new StreamBuffer("stderr", timer, s -> { }));
    EvalResult r = runner.run(code, c);
    c.flush();
    return r;
  }

  @Test
  void when_aCellImportsPackagesThatRecompileTheStartUp_then_eddyAndSqlAreStillTheSharedSession() {
    assertThat(run("import static dev.eddy.streaming.api.expr.Functions.*;")).isInstanceOf(EvalResult.Ok.class);
    assertThat(run("import dev.eddy.streaming.api.topic.*;\nimport dev.eddy.streaming.api.data.*;\n"
        + "import dev.eddy.sql.api.*;")).isInstanceOf(EvalResult.Ok.class);

    EvalResult eddy = run("eddy");
    EvalResult sql = run("sql");
    assertThat(((EvalResult.Ok) eddy).value()).isSameAs(EddyRuntime.shared().eddy());
    assertThat(((EvalResult.Ok) sql).value()).isSameAs(EddyRuntime.shared().sql());
  }
}
