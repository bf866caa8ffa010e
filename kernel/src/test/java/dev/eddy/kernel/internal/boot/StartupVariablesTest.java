package dev.eddy.kernel.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.kernel.internal.eval.EvalResult;
import dev.eddy.kernel.internal.eval.InProcessCells;
import dev.eddy.magics.api.EddyRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared session variables of the start-up survive whatever a cell imports. */
class StartupVariablesTest {
    private static InProcessCells cells;

    @BeforeAll
    static void start() {
        cells = new InProcessCells(Startup.IMPORTS);
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    private EvalResult run(String code) {
        return cells.run(code, s -> {});
    }

    @Test
    void when_aCellImportsPackagesThatRecompileTheStartUp_then_eddyAndSqlAreStillTheSharedSession() {
        assertThat(run("import static dev.eddy.streaming.api.expr.Functions.*;"))
                .isInstanceOf(EvalResult.Ok.class);
        assertThat(run("import dev.eddy.streaming.api.topic.*;\nimport dev.eddy.streaming.api.data.*;\n"
                        + "import dev.eddy.sql.api.*;"))
                .isInstanceOf(EvalResult.Ok.class);

        EvalResult eddy = run("eddy");
        EvalResult sql = run("sql");
        assertThat(((EvalResult.Ok) eddy).value()).isSameAs(EddyRuntime.shared().eddy());
        assertThat(((EvalResult.Ok) sql).value()).isSameAs(EddyRuntime.shared().sql());
    }
}
