package dev.eddy.sql.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.sql.diff.Answers.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Batch SQL answers as Spark 4 answers (ANSI on): a seeded corpus of generated queries (expressions of every
 * type, Spark's functions, aggregates, GROUP BY/HAVING, ORDER BY/LIMIT, joins, NULL-heavy rows) run on Eddy
 * and on real Spark (a child JVM); every answer must be equal, errors included. A mismatch is reported with its
 * seed and a minimised query. {@code -Deddy.diff.batch=N} sets the count, {@code -Deddy.diff.seed=S} the seed.
 */
class SparkBatchDifferentialIT {
    static final long SEED = Long.getLong("eddy.diff.seed", 20_261_206L);
    static final int COUNT = Integer.getInteger("eddy.diff.batch", 300);
    static final String PROBE = System.getProperty("eddy.diff.probe");
    /** {@code -Deddy.diff.batch.cases=7,176}: only these case numbers of the seed (a reported mismatch replayed). */
    static final String CASES = System.getProperty("eddy.diff.batch.cases", "");

    @Test
    void everyGeneratedBatchQueryAnswersAsSparkDoes() {
        SparkProcess spark = SparkProcess.shared();
        SqlCatalog catalog = new SqlCatalog();
        Sql sql = new Sql(catalog);
        for (CorpusTables.Table t : new BatchCorpus(SEED).tables()) {
            catalog.registerTable(t.name(), tablesaw(t));
            assertThat(spark.call(sparkTable(t)).get("ok").asBoolean())
                    .as("Spark loads " + t.name())
                    .isTrue();
        }
        if (PROBE != null) {
            probe(spark, sql);
            return;
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        int sparkErrors = 0;
        int[] chains = new int[2]; // queries with an OR chain of equalities, with a mismatch
        int[] lists = new int[2]; // queries with a long IN list, with a mismatch
        List<Integer> cases = CASES.isBlank()
                ? IntStream.range(0, COUNT).boxed().toList()
                : Arrays.stream(CASES.split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .toList();
        for (int i : cases) {
            long querySeed = SEED * 1_000_003L + i;
            int chainsBefore = CorpusLists.chains;
            int listsBefore = CorpusLists.lists;
            Query q = new BatchCorpus(querySeed).next();
            boolean chain = CorpusLists.chains > chainsBefore;
            boolean list = CorpusLists.lists > listsBefore;
            Answer s = Answers.ofSpark(spark.call(Map.of("op", "query", "sql", q.sql())));
            sparkErrors += s.failed() ? 1 : 0;
            String diff = difference(spark, s, sql, q);
            chains[0] += chain ? 1 : 0;
            lists[0] += list ? 1 : 0;
            if (diff != null) {
                chains[1] += chain ? 1 : 0;
                lists[1] += list ? 1 : 0;
                Query min = minimise(spark, sql, q);
                String minDiff = difference(
                        spark, Answers.ofSpark(spark.call(Map.of("op", "query", "sql", min.sql()))), sql, min);
                classes.computeIfAbsent(classOf(minDiff), k -> new ArrayList<>())
                        .add("seed " + SEED + " case " + i + " (query seed " + querySeed + "): " + minDiff
                                + "\n      minimal: " + min.sql());
            }
        }
        StringBuilder report = new StringBuilder();
        int mismatches = classes.values().stream().mapToInt(List::size).sum();
        report.append("batch differential: ")
                .append(cases.size())
                .append(" queries, ")
                .append(sparkErrors)
                .append(" of them errors in Spark, ")
                .append(mismatches)
                .append(" mismatches in ")
                .append(classes.size())
                .append(" classes (timestamps compared to the microsecond)\n")
                .append(String.format(
                        "  %d queries with an OR chain of 8 to 12 equalities (%d mismatches), %d with an IN list of 8"
                                + " to 14 values (%d mismatches)%n",
                        chains[0], chains[1], lists[0], lists[1]));
        classes.forEach((k, v) -> {
            report.append("  [").append(v.size()).append("] ").append(k).append('\n');
            v.stream().limit(3).forEach(x -> report.append("    ").append(x).append('\n'));
        });
        System.out.println(report);
        try {
            Files.writeString(Path.of("target", "diff-batch-report.txt"), report);
        } catch (IOException e) {
            // the report is in the test output as well
        }
        assertThat(mismatches).as(report.toString()).isZero();
    }

    /**
     * {@code -Deddy.diff.probe=FILE}: instead of the corpus, runs the queries in FILE (one a line) over the seed's
     * tables and prints both answers, to see what Spark answers for a reported mismatch; a line {@code spark> SQL}
     * or {@code eddy> SQL} runs on that side only (set-up: a file table made on each side in its own syntax), a line
     * starting with {@code #} is a comment. {@code
     * -Deddy.diff.probe=mixes} runs {@link TypeMixes} instead and reports only the differences (in
     * target/diff-probe-report.txt).
     */
    private static void probe(SparkProcess spark, Sql sql) {
        boolean mixes = PROBE.equals("mixes");
        List<String> queries;
        try {
            queries = mixes ? TypeMixes.queries() : Files.readAllLines(Path.of(PROBE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder report = new StringBuilder();
        int differences = 0;
        int sparkErrors = 0;
        for (String q : queries) {
            if (q.isBlank() || q.startsWith("#")) {
                continue;
            }
            if (q.startsWith("spark> ")) { // set-up for Spark only (a file table's CREATE TEMPORARY VIEW)
                System.out.println(
                        "PROBE " + q + "\n  spark: " + spark.call(Map.of("op", "query", "sql", q.substring(7))));
                continue;
            }
            if (q.startsWith("eddy> ")) { // set-up for Eddy only (its CREATE TABLE ... WITH (...))
                System.out.println("PROBE " + q + "\n  eddy: " + eddy(sql, q.substring(6)));
                continue;
            }
            Answer s;
            try {
                s = Answers.ofSpark(spark.call(Map.of("op", "query", "sql", q)));
            } catch (RuntimeException ex) { // an answer the harness cannot read (a CalendarInterval)
                s = Answers.error("unreadable Spark answer: " + ex);
            }
            Answer e = eddy(sql, q);
            String diff = Answers.difference(s, e, false, List.of());
            sparkErrors += s.failed() ? 1 : 0;
            if (diff != null) {
                differences++;
                report.append("  ").append(q).append("\n    ").append(diff).append('\n');
            }
            if (!mixes) {
                System.out.println("PROBE " + q + "\n  spark: " + s + "\n  eddy:  " + e + "\n  difference: " + diff);
            }
        }
        report.insert(
                0,
                "probe: " + queries.size() + " queries, " + sparkErrors + " of them errors in Spark, " + differences
                        + " differences\n");
        System.out.println(report);
        try {
            Files.writeString(Path.of("target", "diff-probe-report.txt"), report);
        } catch (IOException e) {
            // the report is in the test output as well
        }
    }

    /**
     * Why Eddy's answer to {@code q} differs from Spark's {@code s}, or null. A query with approx_count_distinct
     * items is also asked of Spark with each as COUNT(DISTINCT) ({@link Query#exactSql()}): Eddy, which counts
     * exactly, must give that answer to the value, and Spark's estimate must lie within its error of it.
     */
    private static String difference(SparkProcess spark, Answer s, Sql sql, Query q) {
        Answer e = eddy(sql, q.sql());
        if (!q.hasApprox()) {
            return Answers.difference(s, e, q.ordered(), q.approx());
        }
        Answer exact = Answers.ofSpark(spark.call(Map.of("op", "query", "sql", q.exactSql())));
        String diff = Answers.difference(exact, e, q.ordered(), null);
        if (diff != null) {
            return "against Spark's exact COUNT(DISTINCT): " + diff;
        }
        diff = Answers.difference(s, exact, q.ordered(), q.approx());
        return diff == null ? null : "Spark's estimate beyond its error of its exact count: " + diff;
    }

    static Answer eddy(Sql sql, String text) {
        try {
            SqlResult r = sql.execute(text);
            if (r instanceof SqlResult.Rows rows) {
                return Answers.ofEddy(rows.table());
            }
            return Answers.error("not a batch result: " + r);
        } catch (RuntimeException | AssertionError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Answers.error(m.lines().findFirst().orElse(m));
        }
    }

    /** The smallest variant of {@code q} that still differs. */
    private static Query minimise(SparkProcess spark, Sql sql, Query q) {
        Query current = q;
        boolean shrunk = true;
        while (shrunk) {
            shrunk = false;
            for (Query smaller : current.shrinks()) {
                Answer s = Answers.ofSpark(spark.call(Map.of("op", "query", "sql", smaller.sql())));
                if (difference(spark, s, sql, smaller) != null) {
                    current = smaller;
                    shrunk = true;
                    break;
                }
            }
        }
        return current;
    }

    /** The class of a difference: its text without row/column numbers, values and error details. */
    static String classOf(String diff) {
        String c = diff.replaceAll("(row|column) \\d+", "$1 #").replaceAll("Spark [^,]*, Eddy .*", "Spark X, Eddy Y");
        if (diff.startsWith("type")) {
            c = diff.replaceAll("column \\d+", "column #");
        } else if (diff.startsWith("Eddy fails") || diff.startsWith("Spark raises")) {
            c = diff.replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
            c = c.length() > 110 ? c.substring(0, 110) : c;
        }
        return c;
    }

    static Table tablesaw(CorpusTables.Table t) {
        List<Column<?>> cols = new ArrayList<>();
        for (CorpusTables.Column c : t.columns()) {
            switch (c.type()) {
                case "INT": {
                    IntColumn col = IntColumn.create(c.name());
                    c.values().forEach(v -> {
                        if (v == null) col.appendMissing();
                        else col.append((Integer) v);
                    });
                    cols.add(col);
                    break;
                }
                case "BIGINT": {
                    LongColumn col = LongColumn.create(c.name());
                    c.values().forEach(v -> {
                        if (v == null) col.appendMissing();
                        else col.append((Long) v);
                    });
                    cols.add(col);
                    break;
                }
                case "DOUBLE": {
                    DoubleColumn col = DoubleColumn.create(c.name());
                    c.values().forEach(v -> {
                        if (v == null) col.appendMissing();
                        else col.append((Double) v);
                    });
                    cols.add(col);
                    break;
                }
                case "BOOLEAN": {
                    BooleanColumn col = BooleanColumn.create(c.name());
                    c.values().forEach(v -> {
                        if (v == null) col.appendMissing();
                        else col.append((Boolean) v);
                    });
                    cols.add(col);
                    break;
                }
                case "TIMESTAMP": {
                    DateTimeColumn col = DateTimeColumn.create(c.name());
                    c.values()
                            .forEach(v -> col.append(
                                    v == null
                                            ? null
                                            : LocalDateTime.ofInstant(CorpusTables.instant((Long) v), ZoneOffset.UTC)));
                    cols.add(col);
                    break;
                }
                default: {
                    StringColumn col = StringColumn.create(c.name());
                    c.values().forEach(v -> {
                        if (v == null) col.appendMissing();
                        else col.append((String) v);
                    });
                    cols.add(col);
                }
            }
        }
        return Table.create(t.name(), cols);
    }

    static Map<String, Object> sparkTable(CorpusTables.Table t) {
        List<Map<String, String>> columns = new ArrayList<>();
        t.columns().forEach(c -> columns.add(Map.of("name", c.name(), "type", c.type())));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            List<Object> row = new ArrayList<>();
            for (CorpusTables.Column c : t.columns()) {
                row.add(c.values().get(r));
            }
            rows.add(row);
        }
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("op", "table");
        req.put("name", t.name());
        req.put("columns", columns);
        req.put("rows", rows);
        return req;
    }
}
