package dev.eddy.spark.internal.translate;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.explode;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.split;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static dev.eddy.streaming.api.expr.Functions.upper;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.spark.api.SparkRefusal;
import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Scan;
import java.util.Map;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.client.SparkConnectClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Eddy plans (from SQL and from the Java Dataset API) translated to Spark Connect plans, without a server: the
 * Connect client builds its protobuf plan locally, and the tests read it.
 */
class PlanTranslatorTest {
    private static SparkSession spark;
    private Eddy eddy;
    private Sql sql;

    @BeforeAll
    static void offlineSession() {
        // nothing listens there: building plans needs no server, and a call that did would fail the test
        spark = SparkSession.builder()
                .client(SparkConnectClient.builder()
                        .connectionString("sc://127.0.0.1:9")
                        .retryPolicy(Retries.brief(0))
                        .build())
                .create();
    }

    @AfterAll
    static void close() {
        try {
            spark.close();
        } catch (RuntimeException expected) {
            // releasing the session asks the (absent) server; the plans above never did
        }
    }

    @BeforeEach
    void session() {
        eddy = Eddy.create();
        sql = new Sql(eddy).startInserts(false);
    }

    private String spark(LogicalPlan plan) {
        return ProtoText.of(new PlanTranslator(spark).translate(plan).plan());
    }

    private String sqlPlan(String select) {
        return spark(sql.stream(select).plan());
    }

    @Test
    void when_rateSourceIsRead_then_sparkReadsItsRateSourceWithTheSameOptions() {
        String p = spark(eddy.readStream()
                .format("rate")
                .option("rowsPerSecond", "5")
                .load()
                .plan());
        assertThat(p)
                .contains("read { data_source { format: \"rate\" options { key: \"rowspersecond\" value: \"5\" }")
                .contains("is_streaming: true");
    }

    @Test
    void when_ratePerBatchIsRead_then_sparkReadsRateMicroBatch() {
        String p = spark(eddy.readStream()
                .format("rate-per-batch")
                .option("rowsPerBatch", "10")
                .load()
                .plan());
        assertThat(p).contains("format: \"rate-micro-batch\"").contains("key: \"rowsperbatch\" value: \"10\"");
    }

    @Test
    void when_kafkaStreamDecodesJson_then_fromJsonKeepsCorruptRecordsAndTheDeclaredWatermarkFollows() {
        sql.execute("CREATE STREAM clicks (page STRING, n BIGINT, ts TIMESTAMP(3), _corrupt_record STRING,"
                + " WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ('connector' = 'kafka', 'topic' = 'clicks',"
                + " 'bootstrap.servers' = 'localhost:9092', 'format' = 'json')");
        String p = sqlPlan("SELECT page, n, _corrupt_record FROM clicks");
        assertThat(p)
                .contains("format: \"kafka\"")
                .contains("key: \"subscribe\" value: \"clicks\"")
                .contains("key: \"kafka.bootstrap.servers\" value: \"localhost:9092\"")
                .doesNotContain("valueformat")
                .contains("function_name: \"from_json\"")
                .contains("_corrupt_record")
                .contains("columnNameOfCorruptRecord")
                .contains("with_watermark")
                .contains("event_time: \"ts\" delay_threshold: \"10 seconds\"");
    }

    @Test
    void when_fileStreamOfCsvIsRead_then_sparkReadsCsvWithTheDeclaredSchemaAndCorruptRecordColumn() {
        sql.execute("CREATE STREAM lines (word STRING, n INT) WITH ('connector' = 'file', 'path' = '/data/in',"
                + " 'format' = 'csv')");
        String p = sqlPlan("SELECT word, n FROM lines");
        assertThat(p)
                .contains("format: \"csv\"")
                .contains("paths: \"/data/in\"")
                .contains("key: \"columnNameOfCorruptRecord\" value: \"_corrupt_record\"")
                .contains("key: \"mode\" value: \"PERMISSIVE\"")
                .contains("schema: \"")
                .contains("_corrupt_record");
    }

    @Test
    void when_projectionAndFilterAreWritten_then_theyBecomeSparkColumnsNamedAndTypedAsInEddy() {
        Dataset rate = eddy.readStream().format("rate").load();
        String p = spark(rate.filter(col("value").gt(3))
                .select(col("value").multiply(2).as("twice"), upper(lit("a")).as("u"))
                .plan());
        assertThat(p)
                .contains("filter {")
                .contains("function_name: \">\"")
                .contains("function_name: \"*\"")
                .contains("alias {")
                .contains("name: \"twice\"")
                .contains("function_name: \"upper\"")
                .contains("name: \"u\"")
                .contains("cast {");
    }

    @Test
    void when_windowedCountIsGrouped_then_sparkGroupsByWindowWithSizeThenSlide() {
        Dataset rate = eddy.readStream().format("rate").load().withWatermark("timestamp", "5 seconds");
        String p = spark(rate.groupBy(window(col("timestamp"), "10 seconds", "5 seconds"), col("value"))
                .agg(count().as("n"), sum(col("value")).as("total"))
                .plan());
        assertThat(p)
                .contains("aggregate {")
                .contains("group_type: GROUP_TYPE_GROUPBY")
                .contains("function_name: \"window\"")
                .containsSubsequence("string: \"10 seconds\"", "string: \"5 seconds\"", "string: \"0 seconds\"")
                .contains("function_name: \"count\"")
                .contains("function_name: \"sum\"")
                .contains("name: \"n\"")
                .contains("name: \"total\"");
    }

    @Test
    void when_twoStreamsJoinOnProjectedWindows_then_sparkProjectsWindowAndJoinsOnIt() {
        Dataset a = eddy.readStream().format("rate").load().withWatermark("timestamp", "5 seconds");
        Dataset b = eddy.readStream().format("rate").load().withWatermark("timestamp", "5 seconds");
        Dataset l = a.select(window(col("timestamp"), "10 seconds", "5 seconds").as("w"), col("value"));
        Dataset r = b.select(window(col("timestamp"), "10 seconds", "5 seconds").as("w"), col("value"));
        String p = spark(l.join(r, col("w").equalTo(col("right_w")), "left_outer")
                .select(col("w.start"), col("value"))
                .plan());
        assertThat(p)
                .contains("function_name: \"window\"")
                .containsSubsequence("string: \"10 seconds\"", "string: \"5 seconds\"")
                .contains("name: \"w\"")
                .contains("join_type: JOIN_TYPE_LEFT_OUTER");
    }

    @Test
    void when_sqlUsesHop_then_sparkWindowGetsSizeFirstAndSlideSecond() {
        sql.execute("CREATE STREAM ticks (ts TIMESTAMP(3), v BIGINT) WITH ('connector' = 'rate')");
        String p = sqlPlan("SELECT window_start, COUNT(*) AS n FROM TABLE(HOP(TABLE ticks, DESCRIPTOR(ts),"
                + " INTERVAL '5' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
        assertThat(p)
                .contains("function_name: \"window\"")
                .containsSubsequence("string: \"10 seconds\"", "string: \"5 seconds\"");
    }

    @Test
    void when_sqlUsesTumble_then_sparkWindowIsTumbling() {
        sql.execute("CREATE STREAM ticks (ts TIMESTAMP(3), v BIGINT) WITH ('connector' = 'rate')");
        String p = sqlPlan("SELECT window_start, SUM(v) AS s FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(ts),"
                + " INTERVAL '1' MINUTE)) GROUP BY window_start, window_end");
        assertThat(p)
                .contains("function_name: \"window\"")
                .containsSubsequence("string: \"60 seconds\"", "string: \"60 seconds\"");
    }

    @Test
    void when_sqlUsesSessionWindow_then_sparkGetsSessionWindowWithTheGap() {
        sql.execute("CREATE STREAM ticks (ts TIMESTAMP(3), v BIGINT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
                + " WITH ('connector' = 'rate')");
        String p = sqlPlan("SELECT session_window.start AS window_start, v, COUNT(*) AS n FROM ticks"
                + " GROUP BY session_window(ts, '30 seconds'), v");
        assertThat(p).contains("function_name: \"session_window\"").contains("string: \"30 seconds\"");
    }

    @Test
    void when_duplicatesAreDropped_then_sparkDeduplicatesOnTheSameColumns() {
        Dataset rate = eddy.readStream().format("rate").load();
        String p = spark(rate.dropDuplicates("value").plan());
        assertThat(p).contains("deduplicate {").contains("column_names: \"value\"");
    }

    @Test
    void when_wordsAreExploded_then_sparkExplodesASplitThatKeepsEmptyParts() {
        Dataset lines = eddy.readStream()
                .format("rate")
                .load()
                .select(col("value").cast(DataType.STRING).as("line"));
        String p =
                spark(lines.select(explode(split(col("line"), " ")).as("word")).plan());
        assertThat(p)
                .contains("function_name: \"explode\"")
                .contains("function_name: \"split\"")
                .contains("integer: -1")
                .contains("name: \"word\"");
    }

    @Test
    void when_streamsAreUnioned_then_sparkUnionsByPositionWithTheFirstNames() {
        Dataset a = eddy.readStream().format("rate").load();
        Dataset b =
                eddy.readStream().format("rate").option("rowsPerSecond", "2").load();
        String p = spark(a.union(b).plan());
        assertThat(p).contains("set_op {").contains("SET_OP_TYPE_UNION").contains("to_df {");
    }

    @Test
    void when_twoStreamsAreJoined_then_sparkJoinsThemAndRightColumnsWithTakenNamesArePrefixed() {
        Dataset left = eddy.readStream().format("rate").load().withWatermark("timestamp", "10 seconds");
        Dataset right = eddy.readStream()
                .format("rate")
                .option("rowsPerSecond", "2")
                .load()
                .withWatermark("timestamp", "10 seconds");
        String p = spark(left.join(right, col("value").equalTo(col("right_value")), "inner")
                .plan());
        assertThat(p)
                .contains("join {")
                .contains("JOIN_TYPE_INNER")
                .contains("name: \"right_value\"")
                .contains("name: \"right_timestamp\"");
    }

    @Test
    void when_completeResultIsSortedAndLimited_then_sparkSortsWithNullOrderAndLimits() {
        Dataset counts =
                eddy.readStream().format("rate").load().groupBy("value").count();
        String p = spark(counts.orderBy("count DESC").limit(3).plan());
        assertThat(p)
                .contains("sort {")
                .contains("SORT_DIRECTION_DESCENDING")
                .contains("SORT_NULLS_LAST")
                .contains("limit {")
                .contains("limit: 3");
    }

    @Test
    void when_aJavaMapLambdaIsInThePlan_then_itIsRefusedWithTheReasonAndWhatToUse() {
        Dataset mapped = eddy.readStream().format("rate").load().map(Schema.of(Field.of("v", DataType.LONG)), r ->
                new Object[] {r.getLong(1) * 2});
        assertThatThrownBy(() -> spark(mapped.plan()))
                .isInstanceOf(SparkRefusal.class)
                .hasMessageStartingWith("Cannot run on Spark: ")
                .hasMessageContaining("Java lambda")
                .hasMessageContaining("Instead: express it with column functions");
    }

    @Test
    void when_flatMapGroupsWithStateIsInThePlan_then_itIsRefused() {
        Dataset stateful = eddy.readStream()
                .format("rate")
                .load()
                .groupByKey("value")
                .flatMapGroupsWithState(
                        Schema.of(Field.of("value", DataType.LONG)),
                        GroupStateTimeout.NO_TIMEOUT,
                        (key, rows, state, out) -> {});
        assertThatThrownBy(() -> spark(stateful.plan()))
                .isInstanceOf(SparkRefusal.class)
                .hasMessageContaining("flatMapGroupsWithState")
                .hasMessageContaining("session_window");
    }

    @Test
    void when_aMemoryStreamIsRead_then_itIsRefusedBecauseItLivesInTheKernel() {
        Dataset mem = eddy.memoryStream(Schema.of(Field.of("v", DataType.LONG))).toDF();
        assertThatThrownBy(() -> spark(mem.plan()))
                .isInstanceOf(SparkRefusal.class)
                .hasMessageContaining("memory stream")
                .hasMessageContaining("Instead: use a file directory, Kafka");
    }

    @Test
    void when_theEmbeddedTopicLogIsRead_then_itIsRefusedAndKafkaIsSuggested() {
        Scan topic = new Scan("topic", Map.of("topic", "events"), Schema.of(Field.of("v", DataType.STRING)));
        assertThatThrownBy(() -> spark(topic))
                .isInstanceOf(SparkRefusal.class)
                .hasMessageContaining("embedded topic log")
                .hasMessageContaining("'connector' = 'kafka'");
    }
}
