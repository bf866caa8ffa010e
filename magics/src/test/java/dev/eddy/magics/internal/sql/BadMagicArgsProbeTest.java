package dev.eddy.magics.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.magics.internal.topic.TopicMagic;
import dev.eddy.magics.testing.RecordingContext;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The magic-argument half of issue 13's probe repeat (sql's BadSqlProbeTest has the SQL half): each bad
 * argument gets an error whose first line says what is wrong, with no Java exception name or stack trace and
 * no long echo, nothing is displayed, and the next cell still runs.
 */
class BadMagicArgsProbeTest {
    private static final Pattern JAVA_NAME =
            Pattern.compile("[A-Z]\\w*(Exception|Error)\\b|\\bat [a-z]+\\.[a-z]+\\.|java\\.");
    private static Eddy eddy;
    private static EddyRuntime runtime;
    private static SqlMagic sql;
    private static final TopicMagic TOPIC = new TopicMagic();

    @BeforeAll
    static void setUp() {
        eddy = Eddy.create();
        runtime = EddyRuntime.of(eddy, LiveViews.Settings.defaults());
        sql = new SqlMagic(runtime);
        sql.run(
                "",
                "CREATE TABLE IF NOT EXISTS probe_pages (page STRING, n INT) WITH ('connector' = 'file', 'path' = '"
                        + pagesCsv() + "')",
                new RecordingContext());
        TOPIC.run("create probe_clicks 1", null);
    }

    private static String pagesCsv() {
        try {
            Path p = Files.createTempFile("probe-pages", ".csv");
            Files.writeString(p, "page,n\nhome,2\ncart,1\n");
            p.toFile().deleteOnExit();
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void tearDown() {
        runtime.shutdown();
        Topics.shared().delete("probe_clicks");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
      sql   | --max-rows -1
      sql   | --max-rows abc
      sql   | --max-rows 99999999999
      sql   | --mode sideways
      sql   | --trigger soon
      sql   | --chart pie
      sql   | --chart bar --x nocol
      sql   | --chart bar --y nocol
      sql   | --chart line --x page --color nocol
      sql   | --x page
      sql   | --nme q
      sql   | --name
      sql   | --checkpoint
      topic | tail probe_clicks -5
      topic | tail probe_clicks abc
      topic | tail probe_clicks 99999999999
      topic | tail nosuch_topic
      topic | create probe_new 99999999
      topic | create probe_new -1
      topic | create
      topic | produce
      topic | describe nosuch_topic
      topic | frobnicate
      topic | tail probe_clicks --from-beginnig
      """)
    void when_magicArgumentsAreBad_then_theErrorIsShortAndTheNextCellRuns(String magic, String args) {
        RecordingContext cell = new RecordingContext();
        String message = null;
        try {
            if (magic.equals("sql")) {
                sql.run(args, "SELECT page, n FROM probe_pages", cell);
            } else {
                TOPIC.run(args, null);
            }
        } catch (RuntimeException e) {
            message = e instanceof MagicException ? e.getMessage() : "escaped " + e;
        }
        assertThat(message).as("an error for %s %s", magic, args).isNotNull().doesNotStartWith("escaped");
        String first = message.lines().findFirst().orElse("");
        assertThat(first.length()).as(first).isBetween(10, 300);
        assertThat(JAVA_NAME.matcher(message).find())
                .as("no Java exception name in: " + message)
                .isFalse();
        assertThat(cell.displayed).isEmpty();
        RecordingContext next = new RecordingContext();
        sql.run("", "SELECT COUNT(*) AS n FROM probe_pages", next);
        assertThat(((MimeBundle) next.displayed.get(0)).plainText()).contains("2");
    }
}
