package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

/** SQL's window(...) reads its interval strings with the engine's one interval reader: every form means the same. */
class SqlIntervalFormsTest {

    private static String windows(String size, String slide) {
        Sql sql = new Sql(new SqlCatalog());
        sql.catalog().registerTable("words", SqlFixtures.words("12:02 cat", "12:03 dog", "12:07 dog"));
        SqlResult r = sql.execute("SELECT window.start AS s, window.end AS e, COUNT(*) AS n FROM words"
                + " GROUP BY window(ts, '" + size + "', '" + slide + "') ORDER BY 1");
        Table t = ((SqlResult.Rows) r).table();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t.rowCount(); i++) {
            out.append(t.getString(i, "s").substring(11, 16))
                    .append('-')
                    .append(t.getString(i, "e").substring(11, 16))
                    .append(' ')
                    .append(t.getString(i, "n"))
                    .append(';');
        }
        return out.toString();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"10 minutes", "10m", "PT10M", "interval 10 minutes", "600 s", "600000ms"})
    void when_windowSizeIsWrittenInAnyForm_then_theWindowsAreTheSame(String size) {
        assertThat(windows(size, "5m")).isEqualTo("11:55-12:05 2;12:00-12:10 3;12:05-12:15 1;");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"1/6 hours", "ten minutes", "10 minuets"})
    void when_windowSizeIsNotAnInterval_then_itIsAnErrorWithItsPosition(String size) {
        assertThatThrownBy(() -> windows(size, "5 minutes"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("Invalid interval '" + size + "' for the window size")
                .hasMessageContaining("column");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0 seconds", "0s", "PT0S"})
    void when_windowSizeIsZero_then_itIsAnErrorWithItsPosition(String size) {
        assertThatThrownBy(() -> windows(size, size))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("Invalid interval '" + size + "' for the window size")
                .hasMessageContaining("column");
    }
}
