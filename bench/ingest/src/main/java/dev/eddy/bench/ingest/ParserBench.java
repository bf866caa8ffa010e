package dev.eddy.bench.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.management.ThreadMXBean;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.CsvParser;
import dev.eddy.streaming.internal.format.FlatJsonScanner;
import dev.eddy.streaming.internal.format.JsonLinesParser;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.TextFormats.RecordParser;
import dev.eddy.streaming.internal.format.Utf8Text;
import dev.eddy.streaming.internal.source.file.CsvFiles;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * JSON decoding alone, one thread, the same bids: Jackson with a parser per record (Eddy's full path), one reused
 * Jackson parser over all records' bytes (the best Jackson can do: no per-record set-up, no line or corrupt-record
 * handling), FlatJsonScanner into a reused row (the row path alone), the row path with each row then copied into a
 * batch's columns (the sources' path before they decoded into columns), and the columnar decoder the sources use now ({@code RecordParser.decodeFast} straight into a batch's
 * columns, batches of {@link #BATCH} rows as the ingest run's). Prints records per second and bytes per record.
 */
final class ParserBench {
    /** Rows per batch of the columnar figures: the ingest run's batch size. */
    static final int BATCH = 500_000;

    private ParserBench() {}

    static void run(int records) throws Exception {
        List<ColumnSpec> cols = TextFormats.columns(Bids.SCHEMA);
        byte[][] each = new byte[records][];
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < records; i++) {
            each[i] = Bids.json(i);
            all.writeBytes(each[i]);
            all.write('\n');
        }
        byte[] concatenated = all.toByteArray();
        ParsedRow row = new ParsedRow(cols);
        JsonLinesParser jackson = new JsonLinesParser(cols);
        FlatJsonScanner scanner = new FlatJsonScanner(cols);
        JsonFactory factory = new JsonFactory();
        Work perRecord = () -> {
            long sum = 0;
            for (byte[] r : each) {
                jackson.parse(r, row);
                sum += row.longs[0];
            }
            return sum;
        };
        Work reused = () -> {
            long sum = 0;
            try (JsonParser p = factory.createParser(concatenated)) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        switch (name) {
                            case "auction" -> row.longs[0] = p.getLongValue();
                            case "price" -> row.longs[1] = p.getLongValue();
                            case "ts" -> row.longs[2] = p.getLongValue() * 1000;
                            default -> p.skipChildren();
                        }
                    }
                    sum += row.longs[0];
                }
            }
            return sum;
        };
        Work rowPath = () -> {
            long sum = 0;
            for (byte[] r : each) {
                scanner.parse(r, 0, r.length, row);
                sum += row.longs[0];
            }
            return sum;
        };
        RecordParser json = TextFormats.parser("json", cols, CsvOptions.DEFAULT);
        Work columns = () -> intoBatches(each, Bids.SCHEMA, json, row, false);
        Work rowCopy = () -> intoBatches(each, Bids.SCHEMA, json, row, true);
        figures("ingest.parse.jackson_per_record", records, perRecord);
        figures("ingest.parse.jackson_reused", records, reused);
        figures("ingest.parse.flat_scanner", records, rowPath);
        figures("ingest.parse.json_row_copy", records, rowCopy);
        figures("ingest.parse.json_columns", records, columns);
    }

    /**
     * The sources' path (FileSource, TopicRowReader, the Kafka source): each record decoded straight into a batch's
     * columns, the full parser into the row only for a record the fast path does not take; a new batch of
     * {@link #BATCH} rows at a time, as each micro-batch has its own. With {@code viaRow}, the sources' path before
     * they decoded into columns: the fast path into a reused row, then the row copied into the batch. Returns a
     * checksum of the first column.
     */
    private static long intoBatches(byte[][] each, Schema schema, RecordParser parser, ParsedRow row, boolean viaRow) {
        long sum = 0;
        for (int from = 0; from < each.length; from += BATCH) {
            int to = Math.min(each.length, from + BATCH);
            BatchBuilder out = Batch.builder(schema, to - from);
            for (int i = from; i < to; i++) {
                byte[] r = each[i];
                if (viaRow) {
                    if (!parser.parseFast(r, 0, r.length, row)) {
                        parser.parseFull(r, row);
                    }
                    TextFormats.write(row, out, 0);
                } else if (!parser.decodeFast(r, 0, r.length, out)) {
                    parser.parseFull(r, row);
                    TextFormats.write(row, out, 0);
                }
                out.endRow();
            }
            Batch b = out.build();
            sum += ((Number) b.column(0).get(b.numRows() - 1)).longValue();
        }
        return sum;
    }

    /** Records per second and bytes allocated per record (one run, after the timed runs warmed it up). */
    private static void figures(String name, int records, Work w) throws Exception {
        print(name + ".records_per_s", rate(records, w));
        System.out.printf(Locale.ROOT, "%s.alloc %.1f bytes/record%n", name, allocated(w) / records);
    }

    /**
     * CSV: bids as {@code auction,price,ts_millis} lines. Per record (decode the line to a String, then parse it: how
     * CSV streams read a line before) against the bytes path into a reused row (CsvParser.parseFast) and the columnar
     * decoder the sources use now (into a batch's columns), and a whole file into a table by
     * Tablesaw's reader (how SQL's CSV tables read before) against CsvFiles (how they read now). Quoted records
     * ({@code auction,"bidder 7, \"vip\"",price}) parsed from their text: the CSV tokenizer's path.
     */
    static void runCsv(int records) throws Exception {
        Schema schema = Schema.of(
                Field.of("auction", DataType.LONG), Field.of("price", DataType.LONG), Field.of("ts_ms", DataType.LONG));
        List<ColumnSpec> cols = TextFormats.columns(schema);
        byte[][] each = new byte[records][];
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < records; i++) {
            each[i] = (Bids.auction(i) + "," + Bids.price(i) + "," + Bids.tsMillis(i)).getBytes(StandardCharsets.UTF_8);
            all.writeBytes(each[i]);
            all.write('\n');
        }
        ParsedRow row = new ParsedRow(cols);
        CsvParser csv = new CsvParser(CsvOptions.DEFAULT);
        Work perRecord = () -> {
            long sum = 0;
            for (byte[] r : each) {
                csv.parse(Utf8Text.decodeOrNull(r), row);
                sum += row.longs[0];
            }
            return sum;
        };
        Work bytes = () -> {
            long sum = 0;
            for (byte[] r : each) {
                csv.parseFast(r, 0, r.length, row);
                sum += row.longs[0];
            }
            return sum;
        };
        RecordParser columnar = TextFormats.parser("csv", cols, CsvOptions.DEFAULT);
        Work columns = () -> intoBatches(each, schema, columnar, row, false);
        Work rowCopy = () -> intoBatches(each, schema, columnar, row, true);
        // quoted records (a quoted name holding the separator and an escaped quote): the tokenizer's path
        Schema named = Schema.of(
                Field.of("auction", DataType.LONG),
                Field.of("name", DataType.STRING),
                Field.of("price", DataType.LONG));
        String[] quotedLines = new String[records];
        for (int i = 0; i < records; i++) {
            quotedLines[i] = Bids.auction(i) + ",\"bidder " + (i % 1000) + ", \\\"vip\\\"\"," + Bids.price(i);
        }
        ParsedRow namedRow = new ParsedRow(TextFormats.columns(named));
        Work quoted = () -> {
            long sum = 0;
            for (String line : quotedLines) {
                csv.parse(line, namedRow);
                sum += namedRow.longs[2];
            }
            return sum;
        };
        figures("ingest.parse.csv_quoted", records, quoted);
        figures("ingest.parse.csv_per_record", records, perRecord);
        figures("ingest.parse.csv_bytes", records, bytes);
        figures("ingest.parse.csv_row_copy", records, rowCopy);
        figures("ingest.parse.csv_columns", records, columns);
        Path file = Files.createTempFile("bids", ".csv");
        try {
            Files.write(file, all.toByteArray());
            Work tablesaw = () -> Table.read()
                    .usingOptions(CsvReadOptions.builder(file.toFile())
                            .header(false)
                            .columnTypes(new ColumnType[] {ColumnType.LONG, ColumnType.LONG, ColumnType.LONG}))
                    .rowCount();
            Work eddy = () ->
                    CsvFiles.read(file, schema, CsvOptions.DEFAULT).batch().numRows();
            print("ingest.csv_table.tablesaw.rows_per_s", rate(records, tablesaw));
            print("ingest.csv_table.eddy.rows_per_s", rate(records, eddy));
            System.out.printf(
                    Locale.ROOT, "ingest.csv_table.tablesaw.alloc %.1f bytes/row%n", allocated(tablesaw) / records);
            System.out.printf(Locale.ROOT, "ingest.csv_table.eddy.alloc %.1f bytes/row%n", allocated(eddy) / records);
        } finally {
            Files.delete(file);
        }
    }

    interface Work {
        long run() throws Exception;
    }

    private static double rate(int records, Work w) throws Exception {
        double[] r = new double[7];
        long sink = 0;
        for (int i = 0; i < r.length; i++) {
            long t0 = System.nanoTime();
            sink += w.run();
            r[i] = records * 1e9 / (System.nanoTime() - t0);
        }
        if (sink == 42) {
            System.out.print("");
        }
        Arrays.sort(r, 2, r.length); // the first two rounds warm the JIT
        return r[2 + (r.length - 2) / 2];
    }

    /** Bytes this thread allocates for one run of the work (after the runs above warmed it up). */
    private static double allocated(Work w) throws Exception {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        w.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static void print(String figure, double v) {
        System.out.printf(Locale.ROOT, "%s %.0f records/s%n", figure, v);
    }
}
