package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The readers' way of decoding (the fast path straight into a batch's columns, the full parser for what it does not
 * take) against the full parser alone (Jackson into a row, then copied into the batch, as before), batch against
 * batch: on seeded random JSON records with every column type, escapes, unicode, nesting, missing, extra and
 * duplicate fields, numbers at the edges of long and double, malformed and truncated records; with and without
 * columns pruned. The same for CSV lines. A record is corrupt exactly when it was, and every value is the same.
 */
class DecodeIntoBatchDifferentialTest {
    private static final List<ColumnSpec> COLUMNS = RandomJsonRecords.COLUMNS;

    private int fastTaken;
    private int parsed;

    @Test
    void when_randomJsonRecordsAreDecodedIntoABatch_then_theBatchIsTheFullParsersBatch() {
        Random rnd = new Random(1607);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 150_000; i++) {
            records.add(RandomJsonRecords.record(rnd));
        }
        compareJson(records, Set.of());
        // not vacuous: most well-formed records take the fast path, with escapes, decimals and nested values among them
        assertThat(parsed).isGreaterThan(40_000).isLessThan(140_000);
        assertThat(fastTaken).isGreaterThan(parsed * 7 / 10);
    }

    @Test
    void when_columnsArePruned_then_theReadColumnsAndTheCorruptRecordsAreTheFullParsers() {
        Random rnd = new Random(1608);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            records.add(RandomJsonRecords.record(rnd));
        }
        compareJson(records, Set.of("s", "j"));
        compareJson(records, Set.of("i", "d", "t"));
        compareJson(records, Set.of("i", "l", "d", "b", "s", "t", "j"));
    }

    @Test
    void when_commonRecordsAreDecoded_then_everyKindOfValueTakesTheFastPath() {
        String[] common = {
            "{\"i\":1,\"l\":-5,\"d\":2.5,\"b\":true,\"s\":\"zo\u00eb\",\"t\":1700000000123,\"j\":\"x\"}",
            "{\"s\":\"tab\\there \\\"q\\\" \\u00e9\\ud83d\\ude00\",\"d\":-1.25e-3}",
            "{\"i\":2,\"nested\":{\"a\":[1,{\"b\":null}],\"c\":\"\\ud800\"},\"t\":\"2026-01-01T00:00:00Z\"}",
            "{\"d\":1e300,\"l\":9223372036854775807}",
        };
        List<byte[]> records = Arrays.stream(common)
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .toList();
        compareJson(records, Set.of());
        assertThat(parsed).isEqualTo(4);
        assertThat(fastTaken).isEqualTo(3); // the 19-digit long goes to the full parser
    }

    @Test
    void when_randomCsvLinesAreDecodedIntoABatch_then_theBatchIsTheTextPathsBatch() {
        Random rnd = new Random(1609);
        String[] odd = {
            "",
            "0",
            "-0",
            "7",
            "007",
            "+5",
            " 5",
            "-",
            "2147483648",
            "-2147483649",
            "123456789012345678",
            "9223372036854775808",
            "1.5",
            "-0.25",
            "1e3",
            ".5",
            "5.",
            "0.1",
            "123456789012345.6",
            "true",
            "FALSE",
            "yes",
            "abc",
            "2026-01-01T00:00:00Z",
            "2026-01-01 00:00:00",
            "NULL",
            "\u00e9",
            "a\"b",
            "\"q\""
        };
        String[][] typical = {
            {"1", "-42", "2147483647", ""},
            {"9223372036854775807", "-5", "0", "123456789012"},
            {"1.5", "-0.25", "3", "0.1", "123456.789", "1e5", "-0.0"},
            {"true", "false", "TRUE", "False"},
            {"abc", "zo\u00eb", "x y", ""},
            {"2026-01-01T00:00:00Z", "2026-01-01 00:00:00.5", "1700000000"},
            {"j", "k"}
        };
        CsvOptions options = CsvOptions.DEFAULT;
        TextFormats.RecordParser csv = TextFormats.parser("csv", COLUMNS, options);
        Schema schema = schema();
        BatchBuilder want = Batch.builder(schema, 16);
        BatchBuilder got = Batch.builder(schema, 16);
        ParsedRow row = new ParsedRow(COLUMNS);
        int taken = 0;
        for (int r = 0; r < 60_000; r++) {
            int n = rnd.nextInt(20) == 0 ? rnd.nextInt(9) : COLUMNS.size();
            StringBuilder line = new StringBuilder();
            for (int f = 0; f < n; f++) {
                if (f > 0) {
                    line.append(',');
                }
                String[] pool = rnd.nextInt(8) == 0 || f >= typical.length ? odd : typical[f];
                line.append(pool[rnd.nextInt(pool.length)]);
            }
            String text = line.toString();
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            if (csv.parse(text, row)) {
                TextFormats.write(row, want, 0);
            } else {
                want.setString(COLUMNS.size(), text);
            }
            want.endRow();
            if (csv.decodeFast(b, 0, b.length, got)) {
                taken++;
            } else if (csv.parse(text, row)) {
                TextFormats.write(row, got, 0);
            } else {
                got.setString(COLUMNS.size(), text);
            }
            got.endRow();
        }
        assertSameBatch(want.build(), got.build(), null);
        assertThat(taken).isGreaterThan(1_000);
    }

    private void compareJson(List<byte[]> records, Set<String> read) {
        fastTaken = 0;
        parsed = 0;
        Schema schema = schema();
        boolean[] unread =
                read.isEmpty() ? new boolean[schema.size()] : TextFormats.unread(schema.names(), withCorrupt(read));
        JsonLinesParser full = new JsonLinesParser(COLUMNS);
        TextFormats.RecordParser json = TextFormats.parser("json", COLUMNS, CsvOptions.DEFAULT);
        json.skipUnread(unread);
        ParsedRow row = new ParsedRow(COLUMNS);
        BatchBuilder want = Batch.builder(schema, 16);
        BatchBuilder got = TextFormats.builder(schema, unread, 16);
        int corrupt = COLUMNS.size();
        for (byte[] r : records) {
            String shown = Utf8Text.escaped(r);
            if (Utf8Text.isValid(r) && full.parse(r, row)) {
                TextFormats.write(row, want, 0);
                parsed++;
            } else {
                want.setString(corrupt, shown);
            }
            want.endRow();
            if (json.decodeFast(r, 0, r.length, got)) {
                fastTaken++;
            } else if (json.parseFull(r, row)) {
                TextFormats.write(row, got, 0);
            } else {
                got.setString(corrupt, shown);
            }
            got.endRow();
        }
        assertSameBatch(want.build(), got.build(), unread);
    }

    private static Set<String> withCorrupt(Set<String> read) {
        Set<String> all = new HashSet<>(read);
        all.add(TextFormats.CORRUPT_RECORD);
        return all;
    }

    private static Schema schema() {
        List<Field> f = new ArrayList<>(TextFormats.fields(COLUMNS));
        f.add(Field.of(TextFormats.CORRUPT_RECORD, DataType.STRING));
        return Schema.of(f);
    }

    /** Row by row; a pruned column ({@code unread}) must be all null. Doubles compare by bits (-0.0 is not 0.0). */
    private static void assertSameBatch(Batch want, Batch got, boolean[] unread) {
        assertThat(got.numRows()).isEqualTo(want.numRows());
        for (int r = 0; r < want.numRows(); r++) {
            Object record = want.column(want.numColumns() - 1).get(r);
            for (int c = 0; c < want.numColumns(); c++) {
                Object w = unread != null && unread[c] ? null : want.column(c).get(r);
                assertThat(got.column(c).get(r))
                        .as(
                                "row %d column %s (corrupt record: %s)",
                                r, want.schema().field(c).name(), record)
                        .isEqualTo(w);
            }
        }
    }
}
