package dev.eddy.streaming.internal.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.internal.format.CsvOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Line splitting in place: lines cut anywhere by the reads (a \r\n split between two reads too), lines longer than
 * the read buffer, and every line end are split as {@link String#lines} splits the same text, raw lines and decoded
 * ones alike.
 */
class TextFileReaderLinesTest {
    @Test
    void when_linesAreCutByReadsOfAnySize_then_theyAreSplitAsStringLinesSplitsThem() throws IOException {
        Random rnd = new Random(2);
        for (int round = 0; round < 40; round++) {
            StringBuilder text = new StringBuilder();
            int lines = rnd.nextInt(300);
            for (int l = 0; l < lines; l++) {
                int len = rnd.nextInt(10) == 0 ? rnd.nextInt(200_000) : rnd.nextInt(60);
                for (int k = 0; k < len; k++) {
                    text.append((char) ('a' + rnd.nextInt(26)));
                }
                text.append(new String[] {"\n", "\r\n", "\r", "\n\n", "\r\r\n"}[rnd.nextInt(5)]);
            }
            if (rnd.nextBoolean()) {
                text.append("last line without an end");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            List<String> want =
                    text.toString().lines().filter(s -> !s.isBlank()).toList();
            assertThat(read(bytes, rnd, true)).as("raw lines, round %d", round).isEqualTo(want);
            assertThat(read(bytes, rnd, false))
                    .as("decoded lines, round %d", round)
                    .isEqualTo(want);
        }
    }

    private static List<String> read(byte[] bytes, Random rnd, boolean raw) throws IOException {
        List<String> out = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + rnd.nextInt(rnd.nextBoolean() ? 16 : 100_000)));
            }
        };
        new TextFileReader(false, CsvOptions.DEFAULT).forEachRecord(in, new TextFileReader.Records() {
            @Override
            public void record(String text, boolean malformed) {
                out.add(text);
            }

            @Override
            public boolean rawLine(byte[] b, int off, int len) {
                if (raw) {
                    out.add(new String(Arrays.copyOfRange(b, off, off + len), StandardCharsets.UTF_8));
                }
                return raw;
            }
        });
        return out;
    }
}
