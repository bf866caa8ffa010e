package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Each window form, run by Calcite's batch engine over RT-2's first trigger as a static table so the
 * window boundaries are checked, not just the plans. Spark's window takes (size, slide), HOP takes
 * (slide, size): both must give RT-2's windows.
 */
class SqlWindowsTest {
    private static final String[] RT2_FIRST_TRIGGER = {"12:02 cat", "12:02 dog", "12:03 dog", "12:03 dog"};
    private static final List<String> RT2_AFTER_1205 =
            List.of("11:55-12:05 cat 1", "11:55-12:05 dog 3", "12:00-12:10 cat 1", "12:00-12:10 dog 3");

    private static Sql sqlWithWords(String... rows) {
        Sql sql = new Sql(new SqlCatalog());
        sql.catalog().registerTable("words", SqlFixtures.words(rows));
        return sql;
    }

    private static List<String> windows(SqlResult result) {
        Table t = ((SqlResult.Rows) result).table();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(t.getString(r, "window_start").substring(11, 16) + "-"
                    + t.getString(r, "window_end").substring(11, 16) + " " + t.getString(r, "word") + " "
                    + t.getString(r, "n"));
        }
        return out;
    }

    @Test
    void when_sparkWindowHasSizeThenSlide_then_rowsLandInBothOverlappingWindows() {
        Sql sql = sqlWithWords(RT2_FIRST_TRIGGER);
        SqlResult r = sql.execute("SELECT window.start AS window_start, window.end AS window_end, word, COUNT(*) AS n"
                + " FROM words GROUP BY window(ts, '10 minutes', '5 minutes'), word ORDER BY 1, 3");
        assertThat(windows(r)).containsExactlyElementsOf(RT2_AFTER_1205);
    }

    @Test
    void when_hopHasSlideThenSize_then_itMatchesSparkWindow() {
        Sql sql = sqlWithWords(RT2_FIRST_TRIGGER);
        SqlResult r = sql.execute("SELECT window_start, window_end, word, COUNT(*) AS n FROM TABLE(HOP(TABLE words,"
                + " DESCRIPTOR(ts), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE)) GROUP BY window_start, window_end, word"
                + " ORDER BY 1, 3");
        assertThat(windows(r)).containsExactlyElementsOf(RT2_AFTER_1205);
    }

    @Test
    void when_sparkWindowHasAStartTime_then_windowsAreShiftedByIt() {
        Sql sql = sqlWithWords("12:02 cat");
        SqlResult r = sql.execute("SELECT window.start AS window_start, window.end AS window_end, word, COUNT(*) AS n"
                + " FROM words GROUP BY window(ts, '10 minutes', '10 minutes', '3 minutes'), word");
        assertThat(windows(r)).containsExactly("11:53-12:03 cat 1");
    }

    @Test
    void when_sparkWindowHasANegativeStartTime_then_windowsAreShiftedBackByIt() {
        Sql sql = sqlWithWords("12:02 cat", "12:08 cat");
        SqlResult r = sql.execute("SELECT window.start AS window_start, window.end AS window_end, word, COUNT(*) AS n"
                + " FROM words GROUP BY window(ts, '10 minutes', '10 minutes', '-3 minutes'), word ORDER BY 1");
        assertThat(windows(r)).containsExactly("11:57-12:07 cat 1", "12:07-12:17 cat 1");
    }

    @Test
    void when_sessionWindowFieldsAreSelected_then_theyAreTheSessionBounds() {
        Sql sql = sqlWithWords("12:00 cat", "12:04 cat", "12:01 dog");
        List<String> rows = windows(
                sql.execute(
                        "SELECT session_window.start AS window_start, session_window.end AS"
                                + " window_end, word, COUNT(*) AS n FROM words GROUP BY session_window(ts, '5 minutes'), word ORDER BY 1, 3"));
        assertThat(rows).containsExactly("12:00-12:09 cat 2", "12:01-12:06 dog 1");
    }

    @Test
    void when_sparkWindowHasOnlySize_then_itIsTumbling() {
        Sql sql = sqlWithWords("12:02 cat", "12:11 cat", "12:19 dog");
        List<String> spark = windows(sql.execute("SELECT window.start AS window_start, window.end AS window_end,"
                + " word, COUNT(*) AS n FROM words GROUP BY window(ts, '10 minutes'), word ORDER BY 1, 3"));
        List<String> tumble = windows(sql.execute("SELECT window_start, window_end, word, COUNT(*) AS n"
                + " FROM TABLE(TUMBLE(TABLE words, DESCRIPTOR(ts), INTERVAL '10' MINUTE))"
                + " GROUP BY window_start, window_end, word ORDER BY 1, 3"));
        assertThat(spark).containsExactly("12:00-12:10 cat 1", "12:10-12:20 cat 1", "12:10-12:20 dog 1");
        assertThat(tumble).isEqualTo(spark);
    }

    @Test
    void when_sessionWindowIsUsed_then_itIsCalcitesSessionPerGroupKey() {
        Sql sql = sqlWithWords("12:00 cat", "12:04 cat", "12:01 dog");
        SqlResult spark = sql.execute("EXPLAIN SELECT session_window.start AS window_start, session_window.end AS"
                + " window_end, word, COUNT(*) AS n FROM words GROUP BY session_window(ts, '5 minutes'), word");
        SqlResult session = sql.execute("EXPLAIN SELECT window_start, window_end, word, COUNT(*) AS n"
                + " FROM TABLE(SESSION(TABLE words, DESCRIPTOR(ts), DESCRIPTOR(word), INTERVAL '5' MINUTE))"
                + " GROUP BY window_start, window_end, word");
        assertThat(((SqlResult.Plan) spark).text())
                .contains("SESSION(", "DESCRIPTOR($1)", "300000:INTERVAL MINUTE")
                .isEqualTo(((SqlResult.Plan) session).text());
        List<String> rows = windows(sql.execute("SELECT session_window.start AS window_start, session_window.end AS"
                + " window_end, word, COUNT(*) AS n FROM words GROUP BY session_window(ts, '5 minutes'), word"
                + " ORDER BY 1, 3"));
        assertThat(rows).containsExactly("12:00-12:09 cat 2", "12:01-12:06 dog 1");
    }

    @Test
    void when_aQueryNamesTheOtherWindowsFields_then_itIsRefusedAsSparkRefusesIt() {
        // Spark: the column of session_window(...) is session_window, that of window(...) is window
        Sql sql = sqlWithWords("12:00 cat");
        assertThatThrownBy(() -> sql.execute("SELECT window.start, word, COUNT(*) FROM words"
                        + " GROUP BY session_window(ts, '5 minutes'), word"))
                .isInstanceOf(SqlException.class)
                .hasMessage("Unknown column 'window.start': this query groups by session_window(...), whose fields are"
                        + " session_window.start and session_window.end at line 1, column 8");
        assertThatThrownBy(() -> sql.execute("SELECT word, COUNT(*) FROM words GROUP BY window(ts, '5 minutes'), word"
                        + " HAVING MAX(session_window.end) IS NOT NULL"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("Unknown column 'session_window.end': this query groups by window(...)");
        // a subquery's fields are its own window's
        List<String> rows = windows(sql.execute("SELECT window_start, window_end, word, n FROM (SELECT window.start AS"
                + " window_start, window.end AS window_end, word, COUNT(*) AS n FROM words"
                + " GROUP BY window(ts, '10 minutes'), word)"));
        assertThat(rows).containsExactly("12:00-12:10 cat 1");
    }

    @Test
    void when_windowedQueryReadsAStream_then_itIsAStreamingStatementWithWindowColumns() {
        Sql sql = SqlFixtures.withLines();
        SqlResult r = sql.execute("SELECT window.start, window.end, word, COUNT(*) AS n FROM lines"
                + " GROUP BY window(ts, '10 minutes', '5 minutes'), word");
        assertThat(r).isInstanceOf(SqlResult.Streaming.class);
        SqlResult.Streaming s = (SqlResult.Streaming) r;
        assertThat(s.schema().names()).containsExactly("window_start", "window_end", "word", "n");
        assertThat(s.plan()).contains("HOP", "600000", "300000");
        assertThat(s.sources()).extracting(Relation::name).containsExactly("lines");
    }
}
