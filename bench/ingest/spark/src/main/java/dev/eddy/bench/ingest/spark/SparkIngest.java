package dev.eddy.bench.ingest.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import java.nio.file.Path;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The ingest query on Spark 4.2 Structured Streaming, local[2], two shuffle partitions (one per core): from_json
 * over the Kafka topic's values or the JSON-lines files' lines (or the same bids read from Parquet files), a 10 s
 * tumbling count+sum per (window, auction) with a 5 s watermark, update mode. The sink is foreachBatch with one
 * aggregate action, so each micro-batch runs once and yields the checksum Eddy's CheckSink computes. Prints
 * {@code RESULT <rows> <seconds> 0 <checksum>}. Arguments: path (kafka_json, kafka_json_pN, files_json, parquet: the
 * Parquet files beside the JSON ones), records, records per batch, bootstrap, files directory, checkpoint.
 */
public final class SparkIngest {
    private static long rows;
    private static long counts;
    private static long totals;
    private static long hashes;

    private SparkIngest() {}

    /** kafka_json reads topic bids (one partition); kafka_json_pN reads bids_pN (N partitions). */
    private static String topic(String path) {
        return path.equals("kafka_json") ? "bids" : "bids_" + path.substring("kafka_json_".length());
    }

    /** The bids from the Parquet files beside the JSON-lines files (written by Eddy's bench, read as they are). */
    private static Dataset<Row> parquet(SparkSession spark, String jsonFiles) {
        StructType schema = new StructType()
                .add("auction", DataTypes.LongType)
                .add("price", DataTypes.LongType)
                .add("ts", DataTypes.TimestampType);
        return spark.readStream()
                .format("parquet")
                .schema(schema)
                .option("maxFilesPerTrigger", 1)
                .load(Path.of(jsonFiles).resolveSibling("parquet").toString());
    }

    /** The bids decoded with from_json from the Kafka topic's values or the JSON-lines files' lines. */
    private static Dataset<Row> fromJson(SparkSession spark, String path, int perBatch, String[] args) {
        StructType schema = new StructType()
                .add("auction", DataTypes.LongType)
                .add("price", DataTypes.LongType)
                .add("ts", DataTypes.TimestampType); // a JSON number: epoch seconds, as Eddy reads it
        Dataset<Row> values = path.startsWith("kafka_json")
                ? spark.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", args[3])
                        .option("subscribe", topic(path))
                        .option("startingOffsets", "earliest")
                        .option("maxOffsetsPerTrigger", perBatch)
                        .load()
                        .selectExpr("CAST(value AS STRING) AS value")
                : spark.readStream()
                        .format("text")
                        .option("maxFilesPerTrigger", 1)
                        .load(args[4]);
        return values.select(from_json(col("value"), schema).as("b"))
                .select(
                        col("b.auction").as("auction"),
                        col("b.price").as("price"),
                        col("b.ts").as("ts"));
    }

    public static void main(String[] args) throws Exception {
        String path = args[0];
        long records = Long.parseLong(args[1]);
        int perBatch = Integer.parseInt(args[2]);
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("eddy-ingest-bench")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.streaming.checkpointLocation", args[5])
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Dataset<Row> bids = path.equals("parquet") ? parquet(spark, args[4]) : fromJson(spark, path, perBatch, args);
        Dataset<Row> agg = bids.withWatermark("ts", "5 seconds")
                .groupBy(window(col("ts"), "10 seconds"), col("auction"))
                .agg(count(lit(1)).as("n"), sum("price").as("total"));
        long t0 = System.nanoTime();
        StreamingQuery q = agg.writeStream()
                .outputMode("update")
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (df, id) -> {
                    Row r = df.selectExpr(
                                    "count(*)",
                                    "coalesce(sum(n), 0)",
                                    "coalesce(sum(total), 0)",
                                    "coalesce(sum(pmod((unix_millis(window.start) div 1000) * 1000003 + auction * 7919"
                                            + " + n * 31 + total, 1000000007)), 0)")
                            .first();
                    rows += r.getLong(0);
                    counts += r.getLong(1);
                    totals += r.getLong(2);
                    hashes += r.getLong(3);
                })
                .start();
        q.processAllAvailable();
        long ns = System.nanoTime() - t0;
        q.stop();
        System.out.println(
                "RESULT " + records + " " + ns / 1e9 + " 0 " + rows + "/" + counts + "/" + totals + "/" + hashes);
        spark.stop();
        System.exit(0);
    }
}
