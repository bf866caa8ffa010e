package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.add;
import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.and;
import static dev.eddy.streaming.api.expr.Functions.cast;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.concat;
import static dev.eddy.streaming.api.expr.Functions.div;
import static dev.eddy.streaming.api.expr.Functions.explode;
import static dev.eddy.streaming.api.expr.Functions.gt;
import static dev.eddy.streaming.api.expr.Functions.isNull;
import static dev.eddy.streaming.api.expr.Functions.length;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.lower;
import static dev.eddy.streaming.api.expr.Functions.mul;
import static dev.eddy.streaming.api.expr.Functions.or;
import static dev.eddy.streaming.api.expr.Functions.split;
import static dev.eddy.streaming.api.expr.Functions.upper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.RowErrorPolicy;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class StatelessOperatorsTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(
            Schema.of(Field.of("name", DataType.STRING), Field.of("n", DataType.LONG), Field.of("x", DataType.DOUBLE)));

    private static List<String> values(List<Row> rows) {
        return rows.stream().map(r -> r.toString()).collect(Collectors.toList());
    }

    private List<Row> runOnce(Dataset q) {
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            return d.runTrigger().newRows();
        }
    }

    @Test
    void when_expressionsAreProjected_then_valuesAndNullsFollowSqlRules() {
        in.addData(new Object[] {"Cat", 2L, 1.5}, new Object[] {null, null, 4.0}, new Object[] {"dog", 0L, null});
        Dataset q = in.toDF()
                .select(
                        alias(upper(col("name")), "u"),
                        alias(length(col("name")), "len"),
                        alias(add(col("n"), lit(1L)), "n1"),
                        alias(mul(col("n"), col("x")), "nx"),
                        alias(div(col("x"), col("n")), "x_over_n"),
                        alias(cast(col("n"), DataType.STRING), "s"),
                        alias(concat(lower(col("name")), lit("!")), "c"),
                        alias(isNull(col("x")), "xnull"));
        assertThat(values(runOnce(q)))
                .containsExactly(
                        "[CAT, 3, 3, 3.0, 0.75, 2, cat!, false]",
                        "[null, null, null, null, null, null, null, false]",
                        "[DOG, 3, 1, null, null, 0, dog!, true]");
    }

    @Test
    void when_filterUsesThreeValuedLogic_then_nullConditionsDropTheRow() {
        in.addData(
                new Object[] {"a", 5L, 1.0}, new Object[] {"b", null, 1.0}, new Object[] {"c", 1L, null}, new Object[] {
                    "d", 7L, 9.0
                });
        Dataset q = in.toDF()
                .filter(or(gt(col("n"), lit(4L)), and(isNull(col("x")), lit(true))))
                .select("name");
        assertThat(values(runOnce(q))).containsExactly("[a]", "[c]", "[d]");
    }

    @Test
    void when_fluentColumnMethodsAreUsed_then_theyBuildTheSameExpressions() {
        in.addData(new Object[] {"a b", 7L, 2.0}, new Object[] {"c", 2L, 1.0});
        Dataset q = in.toDF()
                .filter(col("n").mod(2L).equalTo(1L).and(col("x").geq(2.0)))
                .select(
                        explode(split(col("name"), " ")).as("word"),
                        col("n").plus(1L).as("n1"));
        assertThat(values(runOnce(q))).containsExactly("[a, 8]", "[b, 8]");
    }

    @Test
    void when_datasetIsNamed_then_theSessionFindsItByName() {
        Dataset names = in.toDF().select("name").createOrReplaceTempView("names");
        assertThat(eddy.view("names").plan()).isEqualTo(names.plan());
        assertThat(eddy.viewNames()).containsExactly("names");
        Assertions.assertThatThrownBy(() -> eddy.view("nope")).hasMessageContaining("known: [names]");
    }

    @Test
    void when_withColumnReplacesAndAdds_then_columnOrderIsKept() {
        in.addData(new Object[] {"a", 1L, 2.0});
        Dataset q = in.toDF().withColumn("n", mul(col("n"), lit(10L))).withColumn("flag", gt(col("x"), lit(1.0)));
        assertThat(q.schema().names()).containsExactly("name", "n", "x", "flag");
        assertThat(values(runOnce(q))).containsExactly("[a, 10, 2.0, true]");
    }

    @Test
    void when_javaLambdasMapAndFlatMap_then_rowsAreTransformed() {
        in.addData(new Object[] {"a b", 2L, 0.0}, new Object[] {"c", 1L, 0.0});
        Schema out = Schema.of(Field.of("part", DataType.STRING), Field.of("times", DataType.LONG));
        Dataset q = in.toDF()
                .filter(r -> r.getLong("n") > 0)
                .flatMap(out, (r, emit) -> {
                    for (String p : r.getString("name").split(" ")) {
                        emit.emit(p, r.getLong("n"));
                    }
                })
                .map(out, r -> new Object[] {r.getString("part").toUpperCase(), r.getLong("times") * 2});
        assertThat(values(runOnce(q))).containsExactly("[A, 4]", "[B, 4]", "[C, 2]");
    }

    @Test
    void when_lambdaThrowsUnderContinuePolicy_then_rowIsSkippedCountedAndSampled() {
        in.addData(new Object[] {"a", 1L, 0.0}, new Object[] {null, 2L, 0.0}, new Object[] {"c", 3L, 0.0});
        Schema out = Schema.of(Field.of("upper", DataType.STRING), Field.of("n", DataType.LONG));
        Dataset q = in.toDF()
                .flatMap(
                        out,
                        (r, emit) -> {
                            emit.emit(null, r.getLong("n"));
                            emit.emit(r.getString("name").toUpperCase(), r.getLong("n"));
                        },
                        RowErrorPolicy.CONTINUE);
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            assertThat(values(d.runTrigger().newRows())).containsExactly("[null, 1]", "[A, 1]", "[null, 3]", "[C, 3]");
            assertThat(d.errorRows().total()).isEqualTo(1);
            assertThat(d.errorRows().sample().get(0).row().getLong("n")).isEqualTo(2L);
            assertThat(d.errorRows().sample().get(0).error()).contains("NullPointerException");
        }
    }

    @Test
    void when_lambdaReturnsWrongType_then_errorNamesTheColumn() {
        in.addData(new Object[] {"a", 1L, 0.0});
        Dataset q = in.toDF().map(Schema.of(Field.of("n", DataType.LONG)), r -> new Object[] {"text"});
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            Assertions.assertThatThrownBy(d::runTrigger).hasMessageContaining("column 'n'");
        }
    }
}
