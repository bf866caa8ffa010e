package dev.eddy.streaming.internal.source.file;

import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.CsvParser;
import dev.eddy.streaming.internal.format.JsonDocuments;
import dev.eddy.streaming.internal.format.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Splits a text file into records: lines ({@code \n}, {@code \r\n} or {@code \r}), as Spark's readers take them;
 * with CSV's {@code multiLine} a record whose quoted field is still open at the end of a line continues on the next
 * line — for at most {@code maxRecordLines} lines. Each line is
 * decoded from UTF-8 on its own: a line that is not valid UTF-8 makes its record malformed (kept with the bad bytes
 * as {@code \xNN}) and the rest of the file is still read. A quote never closed makes the rest of the file one
 * record, as in Spark; one still open after {@code maxRecordLines} lines (Eddy's bound, which Spark does not have)
 * makes only the first line a record, and the lines after it are read again as records of their own. Blank lines are
 * skipped; with a CSV header the first record of each file is skipped.
 */
final class TextFileReader {
    /** Default bound on the lines of one quoted CSV record (option {@code maxRecordLines}). */
    static final int DEFAULT_MAX_RECORD_LINES = 1000;

    /** Receives the records of a file in order. */
    interface Records {
        /** One record; {@code malformed} if it held bytes that are not UTF-8 (they are {@code \xNN} in the text). */
        void record(String text, boolean malformed);

        /**
         * The records of a JSON document read with {@code multiLine} (an array's elements, or the document itself):
         * Spark reads the document as one record, so when one of them is malformed all of them are, each keeping
         * the values it has and the document's text {@code whole} as its corrupt-record text.
         */
        default void document(List<String> records, String whole) {
            for (String r : records) {
                record(r, false);
            }
        }

        /**
         * Offered each line of a file that is not CSV, and each CSV line that starts a record and has no quote
         * (never a header), as raw bytes before it is decoded; true when it took the line as a record (then
         * {@link #record} is not called for it). Blank lines are never offered.
         */
        default boolean rawLine(byte[] b, int off, int len) {
            return false;
        }
    }

    private record Line(String text, boolean malformed, int quotes) {}

    private final boolean csv;
    private final boolean multiLine;
    private final boolean jsonDocuments;
    private final char quote;
    private final boolean header;
    private final int maxRecordLines;
    private final CsvParser splitter;

    TextFileReader(boolean csv, CsvOptions options) {
        this(csv, options, DEFAULT_MAX_RECORD_LINES);
    }

    TextFileReader(boolean csv, CsvOptions options, int maxRecordLines) {
        if (maxRecordLines < 1) {
            throw new IllegalArgumentException("option 'maxRecordLines' must be at least 1, got " + maxRecordLines);
        }
        this.csv = csv;
        this.multiLine = csv && options.multiLine();
        this.jsonDocuments = !csv && options.multiLine();
        this.quote = options.quote();
        this.header = options.header();
        this.maxRecordLines = maxRecordLines;
        this.splitter = new CsvParser(options);
    }

    void forEachRecord(Path file, Records out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            forEachRecord(in, out);
        }
    }

    void forEachRecord(InputStream bytes, Records out) throws IOException {
        if (jsonDocuments) {
            documents(bytes, out);
            return;
        }
        try (LineReader in = new LineReader(bytes)) {
            Deque<Line> replay = new ArrayDeque<>();
            List<Line> open = new ArrayList<>();
            boolean[] first = {true};
            while (true) {
                if (!csv) { // lines are records: offer the bytes first, decode only what is not taken
                    int n = in.nextRaw();
                    if (n < 0) {
                        return;
                    }
                    if (!in.isBlank(n) && !out.rawLine(in.lineBytes, in.lineOff, n)) {
                        emit(in.line(n), out, first);
                    }
                    continue;
                }
                Line line;
                if (replay.isEmpty() && open.isEmpty() && quote < 0x80) {
                    // a line that starts a record: one without quotes is offered as bytes (not the header)
                    int n = in.nextRaw();
                    if (n >= 0 && in.isBlank(n)) {
                        continue;
                    }
                    if (n >= 0
                            && !(first[0] && header)
                            && !in.has((byte) quote, n)
                            && out.rawLine(in.lineBytes, in.lineOff, n)) {
                        first[0] = false;
                        continue;
                    }
                    line = n < 0 ? null : in.line(n);
                } else {
                    line = replay.isEmpty() ? in.next() : replay.poll();
                }
                if (line == null) {
                    if (!open.isEmpty()) { // a quote never closed: the record runs to the file's end, as in Spark
                        Line record = joined(open);
                        emit(
                                in.lastLineEnded ? new Line(record.text() + "\n", record.malformed(), 0) : record,
                                out,
                                first);
                    }
                    return;
                }
                if (!open.isEmpty()) {
                    open.add(line);
                    Line record = joined(open);
                    if (!splitter.endsInsideQuotes(record.text())) {
                        emit(record, out, first);
                        open.clear();
                    } else if (open.size() >= maxRecordLines) {
                        reopen(open, replay, out, first);
                    }
                } else if (multiLine
                        && line.quotes() > 0
                        && maxRecordLines > 1
                        && splitter.endsInsideQuotes(line.text())) {
                    open.add(line);
                } else {
                    emit(line, out, first);
                }
            }
        }
    }

    /** A JSON file with {@code multiLine}: one document, its array's elements each a record. */
    private static void documents(InputStream bytes, Records out) throws IOException {
        byte[] all;
        try (bytes) {
            all = bytes.readAllBytes();
        }
        String text = Utf8Text.decodeOrNull(all);
        if (text == null) {
            out.record(Utf8Text.escaped(all), true);
            return;
        }
        List<String> records = JsonDocuments.records(text);
        if (records == null) {
            out.record(text, false); // not valid JSON: one malformed record, the whole file
            return;
        }
        out.document(records, text);
    }

    /** The first line of an unfinished quoted record is a record alone; the others are read again. */
    private void reopen(List<Line> open, Deque<Line> replay, Records out, boolean[] first) {
        emit(open.get(0), out, first);
        for (int i = open.size() - 1; i >= 1; i--) {
            replay.addFirst(open.get(i));
        }
        open.clear();
    }

    private void emit(Line record, Records out, boolean[] first) {
        if (record.text().isBlank()) {
            return;
        }
        boolean skip = first[0] && header && csv;
        first[0] = false;
        if (!skip) {
            out.record(record.text(), record.malformed());
        }
    }

    private static Line joined(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        boolean malformed = false;
        for (Line l : lines) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(l.text());
            malformed |= l.malformed();
        }
        return new Line(sb.toString(), malformed, 0);
    }

    /** Up to {@code max} well-formed records (header included for CSV) from the files, for schema inference. */
    List<String> sample(Path dir, List<String> files, int max) throws IOException {
        List<String> out = new ArrayList<>();
        TextFileReader raw = new TextFileReader(csv, splitter.options().withHeader(false), maxRecordLines);
        for (String f : files) {
            List<String> one = new ArrayList<>();
            raw.forEachRecord(dir.resolve(f), (text, malformed) -> {
                if (!malformed) {
                    one.add(text);
                }
            });
            if (out.isEmpty() || !header) {
                out.addAll(one);
            } else {
                out.addAll(one.subList(Math.min(1, one.size()), one.size()));
            }
            if (out.size() >= max) {
                return out.subList(0, max);
            }
        }
        return out;
    }

    /**
     * Reads byte lines and decodes each one strictly on its own. Every line is handed over where it lies in the read
     * buffer (no copy per line): a line cut by the buffer's end is moved to its start once before the next read, and
     * the buffer grows only for a line longer than itself. Line ends are found eight bytes at a time.
     */
    private final class LineReader implements AutoCloseable {
        private static final VarHandle LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L;
        private static final long HIGHS = 0x8080808080808080L;
        private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
        private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

        private final InputStream in;
        private byte[] chunk = new byte[1 << 16];
        private int pos;
        private int end;
        private boolean eof;
        private boolean pendingCr;
        /** Whether the last line found ended with a line break (the file's last line may not). */
        boolean lastLineEnded;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** Where the last line's bytes are: always in the read buffer itself. */
        private byte[] lineBytes = chunk;

        private int lineOff;

        Line next() throws IOException {
            int n = nextRaw();
            return n < 0 ? null : line(n);
        }

        /** Finds the next line, at {@code lineBytes[lineOff, lineOff+n)}; returns n, or -1 at the end of the input. */
        int nextRaw() throws IOException {
            int scanned = pos; // bytes before this are known to hold no line end
            while (true) {
                if (pendingCr && pos < end) {
                    pendingCr = false;
                    if (chunk[pos] == '\n') {
                        pos++; // the \n of a \r\n
                    }
                    scanned = pos;
                }
                if (!pendingCr) {
                    int i = lineEnd(chunk, scanned, end);
                    if (i < end) {
                        pendingCr = chunk[i] == '\r';
                        lastLineEnded = true;
                        lineBytes = chunk;
                        lineOff = pos;
                        pos = i + 1;
                        return i - lineOff;
                    }
                    scanned = end;
                }
                if (eof) {
                    if (pos == end) {
                        return -1;
                    }
                    lastLineEnded = false;
                    lineBytes = chunk;
                    lineOff = pos;
                    pos = end;
                    return end - lineOff;
                }
                int rest = end - pos;
                if (pos > 0) {
                    System.arraycopy(chunk, pos, chunk, 0, rest); // the cut line to the front, once
                } else if (rest == chunk.length) {
                    chunk = Arrays.copyOf(chunk, chunk.length * 2); // a line longer than the buffer
                }
                scanned -= pos;
                pos = 0;
                end = rest;
                int read = in.read(chunk, end, chunk.length - end);
                if (read <= 0) {
                    eof = true;
                } else {
                    end += read;
                }
            }
        }

        /** The first \n or \r in {@code b[i, end)}, or end: eight bytes at a time, then byte by byte. */
        private static int lineEnd(byte[] b, int i, int end) {
            for (; i + 8 <= end; i += 8) {
                long x = (long) LONGS.get(b, i);
                long lf = x ^ LFS;
                long cr = x ^ CRS;
                long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3); // the lowest hit is exact
                }
            }
            for (; i < end; i++) {
                if (b[i] == '\n' || b[i] == '\r') {
                    return i;
                }
            }
            return end;
        }

        /** True when the last line's n bytes hold the byte. */
        boolean has(byte x, int n) {
            for (int i = lineOff; i < lineOff + n; i++) {
                if (lineBytes[i] == x) {
                    return true;
                }
            }
            return false;
        }

        /** True for bytes whose text {@link #emit} would skip as blank: ASCII white space only (or nothing). */
        boolean isBlank(int n) {
            for (int i = lineOff; i < lineOff + n; i++) {
                byte c = lineBytes[i];
                if (c != ' ' && c != '\t' && c != 0x0B && c != '\f' && !(c >= 0x1C && c <= 0x1F)) {
                    return false;
                }
            }
            return true;
        }

        Line line(int n) {
            String text = Utf8Text.decodeOrNull(lineBytes, lineOff, n);
            boolean malformed = text == null;
            if (malformed) {
                text = Utf8Text.escaped(lineBytes, lineOff, n);
            }
            int quotes = 0;
            if (csv) {
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == quote) {
                        quotes++;
                    }
                }
            }
            return new Line(text, malformed, quotes);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
