package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.univocity.parsers.csv.CsvFormat;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Eddy's CSV tokenizer against Spark 4.2's own ({@code univocity-parsers} 2.9.1, its {@code CsvParser} set up as Spark's CSVOptions sets it up for
 * reading: no comments, unescaped quotes up to the separator, Spark's null and empty values) on random records made
 * of quotes, escapes, separators, blanks, tabs, {@code \0} and letters, under each quoting and white-space option:
 * every record splits into the same fields. Records on which Spark's tokenizer throws (the first record it reads
 * when a field is blanks alone with {@code ignoreTrailingWhiteSpace}: Spark fails the read) are counted apart; Eddy
 * reads them (sql/README.md, Known differences).
 */
class CsvTokenizerSparkTest {
    private static final String[] PIECES = {
        "\"", "\\", ",", " ", "a", "b", "'", "^", "  ", "\t", "#", "N", "A", "\0", ";"
    };

    @Test
    void when_randomRecordsAreSplit_then_everyFieldIsWhatSparksTokenizerGives() {
        List<Map<String, String>> optionSets = List.of(
                Map.of(),
                Map.of("escape", "\""),
                Map.of("ignoreLeadingWhiteSpace", "true"),
                Map.of("ignoreTrailingWhiteSpace", "true"),
                Map.of("ignoreLeadingWhiteSpace", "true", "ignoreTrailingWhiteSpace", "true"),
                Map.of("charToEscapeQuoteEscaping", "^"),
                Map.of("escape", "^", "quote", "'"),
                Map.of("sep", ";", "nullValue", "NA", "emptyValue", "E"),
                Map.of("sep", "\\t", "ignoreTrailingWhiteSpace", "true"));
        Random rnd = new Random(12);
        for (Map<String, String> o : optionSets) {
            CsvOptions options = CsvOptions.from(o);
            CsvTokenizer eddy = new CsvTokenizer(options);
            CsvParser spark = spark(o, options);
            int compared = 0;
            int sparkFails = 0;
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 60_000; i++) {
                StringBuilder sb = new StringBuilder();
                int len = 1 + rnd.nextInt(10);
                for (int k = 0; k < len; k++) {
                    sb.append(PIECES[rnd.nextInt(PIECES.length)]);
                }
                String record = sb.toString();
                String[] want;
                try {
                    want = spark.parseLine(record);
                } catch (RuntimeException e) {
                    sparkFails++;
                    spark = spark(o, options);
                    continue;
                }
                int end = eddy.tokenize(record, 0, got);
                assertThat(end).isEqualTo(record.length());
                assertThat(got).as("%s [%s]", o, record).containsExactly(want);
                compared++;
            }
            assertThat(compared).as("records compared under %s", o).isGreaterThan(50_000);
            if (!options.ignoreTrailingWhiteSpace() || options.ignoreLeadingWhiteSpace()) {
                assertThat(sparkFails).as("Spark's tokenizer fails under %s", o).isZero();
            }
        }
    }

    /** Spark's reading settings (CSVOptions.asParserSettings, multiLine off). */
    private static CsvParser spark(Map<String, String> o, CsvOptions c) {
        CsvParserSettings s = new CsvParserSettings();
        CsvFormat f = s.getFormat();
        f.setDelimiter(c.separator());
        f.setQuote(c.quote());
        f.setQuoteEscape(c.escape());
        if (o.containsKey("charToEscapeQuoteEscaping")) {
            f.setCharToEscapeQuoteEscaping(c.escapeOfEscape());
        }
        s.setCommentProcessingEnabled(false);
        s.setIgnoreLeadingWhitespaces(c.ignoreLeadingWhiteSpace());
        s.setIgnoreTrailingWhitespaces(c.ignoreTrailingWhiteSpace());
        s.setReadInputOnSeparateThread(false);
        s.setMaxColumns(20480);
        s.setNullValue(c.nullValue());
        s.setEmptyValue(c.emptyValue());
        s.setMaxCharsPerColumn(-1);
        s.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
        s.setLineSeparatorDetectionEnabled(false);
        return new CsvParser(s);
    }
}
