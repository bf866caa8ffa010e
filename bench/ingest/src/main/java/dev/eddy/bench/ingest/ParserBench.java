package dev.eddy.bench.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.management.ThreadMXBean;
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
 * handling), and FlatJsonScanner (Eddy's fast path). Prints records per second for each.
 */
final class ParserBench {
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
        print("ingest.parse.jackson_per_record.records_per_s", rate(records, () -> {
            long sum = 0;
            for (byte[] r : each) {
                jackson.parse(r, row);
                sum += row.longs[0];
            }
            return sum;
        }));
        print("ingest.parse.jackson_reused.records_per_s", rate(records, () -> {
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
        }));
        print("ingest.parse.flat_scanner.records_per_s", rate(records, () -> {
            long sum = 0;
            for (byte[] r : each) {
                scanner.parse(r, 0, r.length, row);
                sum += row.longs[0];
            }
            return sum;
        }));
    }

    /**
     * CSV: bids as {@code auction,price,ts_millis} lines. Per record (decode the line to a String, then parse it: how
     * CSV streams read a line before) against the bytes path (CsvParser.parseFast), and a whole file into a table by
     * Tablesaw's reader (how SQL's CSV tables read before) against CsvFiles (how they read now).
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
        print("ingest.parse.csv_per_record.records_per_s", rate(records, perRecord));
        print("ingest.parse.csv_bytes.records_per_s", rate(records, bytes));
        System.out.printf(
                Locale.ROOT, "ingest.parse.csv_per_record.alloc %.1f bytes/record%n", allocated(perRecord) / records);
        System.out.printf(Locale.ROOT, "ingest.parse.csv_bytes.alloc %.1f bytes/record%n", allocated(bytes) / records);
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
