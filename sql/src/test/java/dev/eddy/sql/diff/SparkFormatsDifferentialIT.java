package dev.eddy.sql.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.diff.Answers.Answer;
import dev.eddy.sql.diff.Answers.Kind;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV and JSON files read as Spark 4 reads them: generated files (dates and timestamps written in random patterns,
 * values that do not match, NULLs, malformed numbers) are read by Spark's CSV/JSON reader (a child JVM) and by Eddy's
 * file source and, for CSV, its SQL table, with the same {@code dateFormat}, {@code timestampFormat} and {@code mode};
 * every row must be equal, corrupt-record text included, and a pattern Spark refuses must be refused. {@code
 * -Deddy.diff.formats=N} sets the number of files, {@code -Deddy.diff.seed=S} the seed; the report goes to
 * target/diff-formats-report.txt.
 */
class SparkFormatsDifferentialIT {
    static final int COUNT = Integer.getInteger("eddy.diff.formats", 60);

    @TempDir
    Path dir;

    @Test
    void everyGeneratedCsvAndJsonFileReadsAsSparkReadsIt() throws IOException {
        SparkProcess spark = SparkProcess.shared();
        StringBuilder mismatches = new StringBuilder();
        int count = 0;
        int sparkErrors = 0;
        int csvFiles = 0;
        int quoted = 0;
        int tokenizerFailures = 0;
        for (int i = 0; i < COUNT; i++) {
            FormatCase c = FormatCase.generate(
                    new Random(new SplittableRandom(SparkBatchDifferentialIT.SEED * 1_000_003L + i).nextLong()), i);
            Path file = dir.resolve("case" + i).resolve("part." + c.format());
            Files.createDirectories(file.getParent());
            Files.writeString(file, c.text());
            Answer s = Answers.ofSpark(spark.call(Map.of("op", "query", "sql", c.sparkView(file.getParent()))));
            if (!s.failed()) {
                s = Answers.ofSpark(spark.call(Map.of("op", "query", "sql", "SELECT * FROM fmt_case")));
            }
            sparkErrors += s.failed() ? 1 : 0;
            if (tokenizerFails(s, c)) {
                tokenizerFailures++; // Spark's read fails where Eddy reads the blanks (sql/README.md, Known
                // differences)
                count++;
                continue;
            }
            List<Boolean> exact = List.of();
            String diff = Answers.difference(s, eddySource(c, file.getParent()), true, exact);
            String where = "stream source";
            if (diff == null && c.format().equals("csv")) {
                diff = Answers.difference(s, eddyTable(c, file, i), true, exact);
                where = "SQL table";
            }
            count++;
            csvFiles += c.format().equals("csv") ? 1 : 0;
            quoted +=
                    c.format().equals("csv") && c.text().indexOf(c.options().getOrDefault("quote", "\"")) >= 0 ? 1 : 0;
            if (Boolean.getBoolean("eddy.diff.formats.show")) {
                System.out.println("CASE " + i + " " + c.describe() + "\n  spark: " + s + "\n  eddy: "
                        + eddySource(c, file.getParent()) + "\n  diff: " + diff);
            }
            if (diff != null) {
                mismatches
                        .append("  seed ")
                        .append(SparkBatchDifferentialIT.SEED)
                        .append(" case ")
                        .append(i)
                        .append(" (")
                        .append(where)
                        .append("): ")
                        .append(diff)
                        .append("\n    ")
                        .append(c.describe())
                        .append("\n    spark: ")
                        .append(s.failed() ? s.error() : s.rows())
                        .append('\n');
            }
        }
        String report = "formats differential: " + count + " files (" + csvFiles + " CSV, " + quoted
                + " of them with quoted fields), " + sparkErrors + " refused or failed by Spark (" + tokenizerFailures
                + " of them its CSV tokenizer's index error on blanks with ignoreTrailingWhiteSpace), "
                + mismatches
                        .toString()
                        .lines()
                        .filter(l -> l.startsWith("  seed"))
                        .count() + " mismatches\n"
                + mismatches;
        System.out.println(report);
        Files.writeString(Path.of("target", "diff-formats-report.txt"), report);
        assertThat(mismatches.toString()).as(report).isEmpty();
    }

    static final int INFER_COUNT = Integer.getInteger("eddy.diff.infer", 60);

    /**
     * CSV schema inference as Spark 4.2's ({@code inferSchema}): generated files ({@link InferCase}) are described by
     * Spark's reader and by Eddy's file stream source with no schema given; every column's name and type must be
     * equal, except a column Spark infers as DECIMAL(p, 0) (whole numbers past LONG), which Eddy has no type for and
     * infers as DOUBLE (counted apart). Report: target/diff-infer-report.txt.
     */
    @Test
    void everyGeneratedCsvFileInfersTheSchemaSparkInfers() throws IOException {
        SparkProcess spark = SparkProcess.shared();
        StringBuilder mismatches = new StringBuilder();
        int decimals = 0;
        int columns = 0;
        int empty = 0;
        for (int i = 0; i < INFER_COUNT; i++) {
            InferCase c = InferCase.generate(
                    new Random(new SplittableRandom(SparkBatchDifferentialIT.SEED * 7_000_003L + i).nextLong()), i);
            Path file = dir.resolve("infer" + i).resolve("part.csv");
            Files.createDirectories(file.getParent());
            Files.writeString(file, c.text());
            Answer s = Answers.ofSpark(spark.call(Map.of("op", "query", "sql", c.sparkView(file.getParent()))));
            if (!s.failed()) {
                s = Answers.ofSpark(spark.call(Map.of("op", "query", "sql", "DESCRIBE infer_case")));
            }
            List<String> want = new ArrayList<>();
            if (s.failed()) {
                want.add("error: " + s.error());
            } else {
                for (List<Object> r : s.rows()) {
                    String type = String.valueOf(r.get(1));
                    if (type.startsWith("decimal(") && type.endsWith(",0)")) {
                        decimals++;
                        type = "double"; // Eddy has no DECIMAL: a whole number past LONG is a DOUBLE
                    }
                    want.add(r.get(0) + " " + type);
                }
            }
            List<String> got = new ArrayList<>();
            try {
                Map<String, String> options = new LinkedHashMap<>(c.options());
                options.put("path", file.getParent().toString());
                Source src = Providers.source("csv")
                        .createSource(
                                new SourceContext(options, Optional.empty(), new ManualClock(0), Optional.empty()));
                for (Field f : src.schema().fields()) {
                    if (!f.name().equals("_corrupt_record")) {
                        got.add(f.name() + " " + SPARK_TYPE_NAMES.get(f.type()));
                    }
                }
            } catch (RuntimeException e) {
                got.add("error: " + e.getMessage());
            }
            columns += want.size();
            if (want.isEmpty() && got.size() == 1 && got.get(0).contains("no csv records")) {
                empty++; // no record at all: Spark infers no columns, Eddy asks for a schema (sql/README.md)
                continue;
            }
            if (!want.equals(got)) {
                mismatches
                        .append("  seed ")
                        .append(SparkBatchDifferentialIT.SEED)
                        .append(" infer case ")
                        .append(i)
                        .append(": spark ")
                        .append(want)
                        .append(", eddy ")
                        .append(got)
                        .append("\n    ")
                        .append(c.describe())
                        .append('\n');
            }
        }
        long failed = mismatches
                .toString()
                .lines()
                .filter(l -> l.startsWith("  seed"))
                .count();
        String report = "schema inference differential: " + INFER_COUNT + " CSV files, " + columns + " columns ("
                + decimals + " DECIMAL(p, 0) in Spark, DOUBLE in Eddy), " + empty
                + " files of blank lines only (Spark: no columns; Eddy asks for a schema), " + failed + " mismatches\n"
                + mismatches;
        System.out.println(report);
        Files.writeString(Path.of("target", "diff-infer-report.txt"), report);
        assertThat(mismatches.toString()).as(report).isEmpty();
    }

    private static final Map<DataType, String> SPARK_TYPE_NAMES = Map.of(
            DataType.INT, "int",
            DataType.LONG, "bigint",
            DataType.DOUBLE, "double",
            DataType.STRING, "string",
            DataType.BOOLEAN, "boolean",
            DataType.DATE, "date",
            DataType.TIMESTAMP, "timestamp");

    /**
     * Spark's CSV tokenizer failed the read with an index error: with {@code ignoreTrailingWhiteSpace} (and not {@code
     * ignoreLeadingWhiteSpace}) it trims the first record's fields as header names and fails on one of blanks alone.
     */
    private static boolean tokenizerFails(Answer spark, FormatCase c) {
        Map<String, String> o = c.options();
        return spark.failed()
                && c.format().equals("csv")
                && "true".equals(o.get("ignoreTrailingWhiteSpace"))
                && !"true".equals(o.get("ignoreLeadingWhiteSpace"))
                && (spark.error().contains("out of range") || spark.error().contains("out of bounds"));
    }

    /** Eddy's file stream source over the case's directory: the rows of its first batch. */
    private static Answer eddySource(FormatCase c, Path in) {
        try {
            Map<String, String> options = new LinkedHashMap<>(c.options());
            options.put("path", in.toString());
            // the engine clock at the wall clock's time: Spark reads a time alone on the current day
            Source src = Providers.source(c.format())
                    .createSource(new SourceContext(
                            options,
                            Optional.of(c.schema()),
                            new ManualClock(System.currentTimeMillis()),
                            Optional.empty()));
            Offset start = src.initialOffset();
            Offset end = src.latestOffset(start, new TriggerContext(0, 0, false));
            return answer(src.getBatch(start, end), c.permissive());
        } catch (RuntimeException e) {
            return Answers.error(String.valueOf(e.getMessage()));
        }
    }

    /** Eddy's SQL CSV table over the case's file. */
    private static Answer eddyTable(FormatCase c, Path file, int i) {
        Sql sql = new Sql(new SqlCatalog());
        StringBuilder ddl = new StringBuilder("CREATE TABLE fmt_case" + i + " (" + c.columnsSql() + ") WITH (");
        ddl.append("'connector' = 'file', 'format' = 'csv', 'header' = 'false', 'path' = '")
                .append(file)
                .append('\'');
        c.options()
                .forEach((k, v) -> ddl.append(", '")
                        .append(k.toLowerCase(Locale.ROOT))
                        .append("' = '")
                        .append(v.replace("'", "''"))
                        .append('\''));
        try {
            sql.execute(ddl.append(')').toString());
        } catch (RuntimeException e) {
            return Answers.error(e.getMessage());
        }
        return SparkBatchDifferentialIT.eddy(sql, "SELECT * FROM fmt_case" + i);
    }

    /** A batch as Answers compares it: dates as ISO text, timestamps as epoch microseconds. */
    private static Answer answer(Batch b, boolean withCorrupt) {
        int width = withCorrupt ? 5 : 4;
        List<Kind> kinds = List.of(Kind.STRING, Kind.DATE, Kind.TIMESTAMP, Kind.INTEGRAL, Kind.STRING)
                .subList(0, width);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < b.numRows(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                Object v = b.column(c).isNull(r) ? null : b.column(c).get(r);
                if (v instanceof LocalDate d) {
                    v = d.toString();
                } else if (v instanceof Integer n && c == 1) {
                    v = LocalDate.ofEpochDay(n).toString();
                } else if (v instanceof Integer n) {
                    v = n.longValue();
                }
                row.add(v);
            }
            rows.add(row);
        }
        return new Answer(kinds, rows, null);
    }

    /** The schema both readers are given. */
    static Schema schema(boolean withCorrupt) {
        List<Field> f = new ArrayList<>(List.of(
                Field.of("name", DataType.STRING),
                Field.of("d", DataType.DATE),
                Field.of("t", DataType.TIMESTAMP),
                Field.of("n", DataType.INT)));
        if (withCorrupt) {
            f.add(Field.of("_corrupt_record", DataType.STRING));
        }
        return Schema.of(f);
    }
}
