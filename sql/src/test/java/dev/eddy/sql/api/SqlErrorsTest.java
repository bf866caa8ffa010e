package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven: bad SQL texts and the one-line message each must give, position included. */
class SqlErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      SELECT word FROM lines\\nGROUP word                | Syntax error at line 2, column 7: unexpected 'word'
      SELECT word,\\nFROM lines                            | Syntax error at line 2, column 1: unexpected 'FROM'
      SELECT word FROM lines WHERE                        | Syntax error at line 1, column 29: unexpected end of input
      SELEC word FROM lines                               | Syntax error at line 1, column 1: unexpected 'SELEC' (probably a misspelt SELECT)
      SELECT wrd FROM lines                               | Unknown column 'wrd' in stream 'lines' at line 1, column 8. Did you mean 'word'?
      SELECT word FROM linez                              | Unknown stream or table 'linez' at line 1, column 18. Did you mean 'lines'?
      SELECT word FROM lines ORDER BY word                | ORDER BY is not supported on an unbounded stream without aggregation
      SELECT word FROM lines LIMIT 5                      | LIMIT/OFFSET is not supported on an unbounded stream without aggregation
      SELECT a.word FROM lines a JOIN lines b ON a.word = b.word | A join of two streams needs a time bound
      SELECT word FROM lines GROUP BY window(ts, '10 minuets'), word | Invalid interval '10 minuets' for the window size
      SELECT session_window(ts, '10 minutes') FROM lines  | session_window(...) is only allowed in GROUP BY at line 1, column 8
      SELECT word, ROW_NUMBER() OVER (ORDER BY ts) FROM lines | OVER (...) window functions are not supported on an unbounded stream
      SELECT word FROM lines INTERSECT SELECT word FROM lines | INTERSECT is not supported on an unbounded stream
      SELECT word FROM lines EXCEPT SELECT word FROM lines | EXCEPT is not supported on an unbounded stream
      SELECT 'x' FROM lines a JOIN lines b ON a.ts > b.ts | A join of two streams needs a time bound at line 1, column 25
      SELECT "word" FROM lines                            | Syntax error at line 1, column 8: unexpected '"' (quote names with back-ticks: `name`)
      SELECT window.start FROM lines                      | window.start and window.end need window(...) or session_window(...) in GROUP BY, or TUMBLE/HOP/SESSION in FROM at line 1, column 8
      SELECT COUNT(*) FROM lines GROUP BY window(word, '1 minute') | TUMBLE needs a TIMESTAMP column as its time column and INTERVAL sizes at line 1, column
      -- only a comment                                   | No SQL statement to run
      SELECT COUNT(*) FROM lines GROUP BY window(ts, '5 minutes', '10 minutes') | The window slide is larger than its size at line 1, column 61: Spark's window(ts, size, slide) takes the size first
      SELECT COUNT(*) FROM TABLE(HOP(TABLE lines, DESCRIPTOR(ts), INTERVAL '10' MINUTE, INTERVAL '5' MINUTE)) GROUP BY window_start | The HOP slide is larger than its size at line 1, column 61: HOP(TABLE t, DESCRIPTOR(ts), slide, size) takes the slide first
      SELECT window, word, COUNT(*) FROM lines GROUP BY window(ts, '1 minute'), word | Select window.start and window.end; a whole 'window' column is not available in SQL at line 1, column 8
      DROP STREAM linez                                   | Unknown stream 'linez' at line 1, column 13. Did you mean 'lines'?
      DROP TABLE lines                                    | 'lines' is a stream; use DROP STREAM at line 1, column 12
      DESCRIBE linez                                      | Unknown stream or table 'linez' at line 1, column 10. Did you mean 'lines'?
      SELECT 1e99999999999                                | Syntax error: a numeric literal cannot be read (Too many nonzero exponent digits.)
      SELECT U&'a' UESCAPE 'xx'                           | Syntax error: UESCAPE 'xx' must be exactly one character
      SELECT * FROM lines, DESCRIPTOR(ts)                 | This statement cannot be run at line 1, column 1: the SQL planner does not support its shape
      SHOW                                                | Syntax error at line 1, column 1: unexpected 'SHOW' (an incomplete SHOW statement)
      -- a note\\nSELEC word FROM lines                  | Syntax error at line 2, column 1: unexpected 'SELEC' (probably a misspelt SELECT)
      DESCRIBE a.b.c                                      | Syntax error at line 1, column 14: unexpected 'c'
      SELECT EXTRACT(nosuch FROM ts) FROM lines           | [INVALID_EXTRACT_FIELD] Cannot extract `nosuch` at line 1, column 16
      SELECT INTERVAL '' DAY                              | Syntax error at line 1, column 8: Illegal INTERVAL literal  DAY
      CREATE STREAM s (a INT) WITH ('conn' 'ector' = 'nope') | Unknown connector 'nope' (one of topic, kafka, file, socket, rate, memory) at line 1, column 1
      CREATE STREAM s (a INT) WITH (x'00' = 'memory')     | An option name is a string in quotes, e.g. 'connector' = 'memory', not X'00' at line 1, column 31
      CREATE STREAM s (a INT) WITH ('connector' = NULL)   | Option 'connector' takes a string, a number or TRUE/FALSE, not NULL at line 1, column 45
      CREATE STREAM s (a INT) WITH ('connector' = DATE '2020-01-01') | Option 'connector' takes a string, a number or TRUE/FALSE, not DATE '2020-01-01' at line 1, column 45
      SELECT INTERVAL 1 DAY 2 HOURS, nosuch FROM lines    | Unknown column 'nosuch' in stream 'lines' at line 1, column 32
      SELECT INTERVAL 1 DAY\\n 2 HOURS, nosuch FROM lines | Unknown column 'nosuch' in stream 'lines' at line 2, column 11
      SELECT INTERVAL 1 DAY 2 HOURS FROM lines WHERE      | Syntax error at line 1, column 47: unexpected end of input
      SELECT INTERVAL 1 DAY 2 HOURS, INTERVAL 1 YEAR 2 DAYS FROM lines | Cannot mix year-month and day-time fields: INTERVAL 1 YEAR 2 DAYS; write two intervals, e.g. INTERVAL 1 YEAR + INTERVAL 2 DAYS at line 1, column 32
      SELECT * FROM VALUES(1),(2)AS v(a) WHERE nosuch = 1 | Unknown column 'nosuch' at line 1, column 42
      SELECT COUNT(*) FROM TABLE(HOP(TABLE lines, DESCRIPTOR(ts), INTERVAL '1' MONTH, INTERVAL '1' YEAR)) GROUP BY window_start | A window's sizes are days, hours, minutes or seconds at line 1, column 61: INTERVAL '1' MONTH is counted in months, whose length varies
      SELECT COUNT(*) FROM lines GROUP BY window(ts, INTERVAL '1' YEAR) | A window's sizes are days, hours, minutes or seconds at line 1, column 48: INTERVAL '1' YEAR is counted in months, whose length varies
      CREATE STREAM s (ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' YEAR) WITH ('connector' = 'memory') | A watermark delay is an interval of days, hours, minutes or seconds, not INTERVAL '1' YEAR at line 1, column 57
      CREATE STREAM s (ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '-1' SECOND) WITH ('connector' = 'memory') | A watermark delay must not be negative, not INTERVAL '-1' SECOND at line 1, column 57
      CREATE TABLE c (a INT) WITH ('connector' = 'file', 'path' = '.', 'header' = 'maybe') | table 'c': option 'header' must be 'true' or 'false', got 'maybe' at line 1, column 1
      """)
    void when_sqlIsBad_then_oneShortMessageWithPosition(String text, String expected) {
        Sql sql = SqlFixtures.withLines();
        String query = text.replace("\\n", "\n");
        assertThatThrownBy(() -> sql.execute(query))
                .isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith(expected)
                        .doesNotContain("Was expecting")
                        .doesNotContainPattern("at line \\d+, column \\d+.*at line \\d+") // one position
                        .hasSizeLessThan(400));
    }

    @Test
    void when_aLaterLineStartsWithAMisspeltKeyword_then_theErrorPointsAtThatWord() {
        Sql sql = SqlFixtures.withLines();
        assertThatThrownBy(() -> sql.execute("SELECT word FROM lines;\n  CRATE TABLE t (a INT)"))
                .isInstanceOf(SqlException.class)
                .hasMessage("Syntax error at line 2, column 3: unexpected 'CRATE' (probably a misspelt CREATE)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      CREATE STREAM s (a STRING) WITH ('connector' = 'topc', 'topic' = 't')           | Unknown connector 'topc' (one of topic, kafka, file, socket, rate, memory) at line 1, column 1. Did you mean 'topic'?
      CREATE STREAM s (a STRING) WITH ('connector' = 'topic')                         | connector 'topic' needs option 'topic' at line 1, column 1
      CREATE STREAM s (a STRING) WITH ('connector' = 'kafka', 'topic' = 't')          | connector 'kafka' needs option 'bootstrap.servers'
      CREATE STREAM s (a STRING) WITH ('connector' = 'file')                          | connector 'file' needs option 'path'
      CREATE STREAM s (a STRING) WITH ('connector' = 'socket', 'host' = 'h', 'port' = 'x') | option 'port' must be a whole number, not 'x'
      CREATE STREAM s (a STRING) WITH ('connector' = 'topic', 'topic' = 't', 'format' = 'xml') | Unknown format 'xml' (one of json, csv, text)
      CREATE STREAM s (a STRING, a INT) WITH ('connector' = 'rate')                   | Duplicate column 'a' at line 1, column 28
      CREATE STREAM s (a FOO) WITH ('connector' = 'rate')                             | Unknown type 'FOO' for column 'a'
      CREATE STREAM s (a STRING, WATERMARK FOR a AS a) WITH ('connector' = 'rate')    | WATERMARK column 'a' must be a TIMESTAMP, not STRING
      CREATE STREAM s (t TIMESTAMP, WATERMARK FOR tt AS tt) WITH ('connector' = 'rate') | WATERMARK FOR unknown column 'tt' at line 1, column 45. Did you mean 't'?
      CREATE STREAM s (t TIMESTAMP, WATERMARK FOR t AS t + INTERVAL '1' SECOND) WITH ('connector' = 'rate') | WATERMARK FOR t AS must be 't' or 't - INTERVAL ...'
      CREATE STREAM lines (a STRING) WITH ('connector' = 'rate')                      | Stream 'lines' already exists (use CREATE OR REPLACE or IF NOT EXISTS)
      CREATE TABLE t (a STRING) WITH ('connector' = 'topic', 'topic' = 'x')           | CREATE TABLE reads static data with 'connector' = 'file'
      CREATE TABLE t (t TIMESTAMP, WATERMARK FOR t AS t) WITH ('connector' = 'file', 'path' = 'x.csv') | WATERMARK is only allowed on a stream
      CREATE STREAM s (a STRING) WITH ('connector' = 'rate', 'connector' = 'rate')    | Option 'connector' is given twice
      """)
    void when_ddlIsBad_then_itSaysWhatIsWrong(String text, String expected) {
        Sql sql = SqlFixtures.withLines();
        assertThatThrownBy(() -> sql.execute(text))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith(expected);
    }
}
