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
                + " of them with quoted fields), " + sparkErrors + " refused or failed by Spark, "
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
