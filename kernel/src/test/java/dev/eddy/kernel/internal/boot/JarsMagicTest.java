package dev.eddy.kernel.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.connectors.jdbc.api.JdbcTables;
import dev.eddy.kernel.internal.eval.EvalResult;
import dev.eddy.kernel.internal.eval.InProcessCells;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %jars add} on a real in-process JShell with a JDBC driver that is not on the kernel's class path (DuckDB's):
 * cells compile against its classes, and the JDBC sink writes through it.
 */
class JarsMagicTest {
    private static InProcessCells cells;
    private final List<String> out = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        cells = new InProcessCells(
                List.of("import java.util.*;"),
                java -> MagicRegistry.withBuiltins().register(new JarsMagic(java)));
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    private EvalResult run(String code) {
        return cells.run(code, out::add);
    }

    private static String text(EvalResult r) {
        return r instanceof EvalResult.Ok ok ? String.valueOf(ok.value()) : ((EvalResult.Error) r).evalue();
    }

    @Test
    void when_aDriverJarIsAdded_then_cellsUseItsClassesAndTheJdbcSinkWritesThroughIt() throws Exception {
        Path jar = Path.of(System.getProperty("eddy.test.duckdb.jar"));
        assertThat(jar).isRegularFile();
        String url = "jdbc:duckdb:" + tmp.resolve("shop.duckdb");
        String sinkCell = """
        var eddy = dev.eddy.streaming.api.Eddy.create();
        var in = eddy.memoryStream(dev.eddy.streaming.api.data.Schema.of(
            dev.eddy.streaming.api.data.Field.of("k", dev.eddy.streaming.api.data.DataType.STRING),
            dev.eddy.streaming.api.data.Field.of("v", dev.eddy.streaming.api.data.DataType.LONG)));
        var q = in.toDF().writeStream().format("jdbc").option("url", "%s").option("dbtable", "kv").start();
        in.addData(new Object[]{"a", 1L}, new Object[]{"b", 2L});
        q.processAllAvailable();
        q.stop();
        """.formatted(url);

        assertThat(text(run(sinkCell))).as("before %jars add").contains("no JDBC driver for 'duckdb'");
        assertThat(text(run("org.duckdb.DuckDBDriver.class.getName()"))).contains("package org.duckdb does not exist");

        EvalResult added = run("%jars add " + jar);
        assertThat(text(added)).contains("added " + jar, "JDBC driver org.duckdb.DuckDBDriver");
        assertThat(text(run("org.duckdb.DuckDBDriver.class.getName()"))).isEqualTo("org.duckdb.DuckDBDriver");
        assertThat(run(sinkCell)).isInstanceOf(EvalResult.Ok.class);

        Batch rows = JdbcTables.read(
                Map.of("url", url, "dbtable", "kv"),
                Schema.of(Field.of("k", DataType.STRING), Field.of("v", DataType.LONG)));
        assertThat(rows.toRows()).extracting(Object::toString).containsExactlyInAnyOrder("[a, 1]", "[b, 2]");
        assertThat(text(run("%jars"))).isEqualTo(jar.toString());
    }

    @Test
    void when_theArgumentsAreWrong_then_theMagicSaysHowToUseIt() {
        assertThat(text(run("%jars remove x.jar"))).contains("usage: %jars add <path.jar>");
        assertThat(text(run("%jars add " + tmp.resolve("missing.jar")))).contains("no jar file at");
    }
}
