package dev.eddy.streaming.internal.source.file;

import dev.eddy.streaming.internal.format.CsvParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a text file into records: lines, except that a CSV record whose quotes are still open continues on the
 * next line. Blank lines are skipped; with a CSV header the first record of each file is skipped.
 */
final class TextFileReader {
    private final boolean csv;
    private final char quote;
    private final boolean header;

    TextFileReader(boolean csv, char quote, boolean header) {
        this.csv = csv;
        this.quote = quote;
        this.header = header;
    }

    void forEachRecord(Path file, Consumer<String> out) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            StringBuilder pending = null;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                String record;
                if (pending != null) {
                    pending.append('\n').append(line);
                    if (!CsvParser.isComplete(pending, quote)) {
                        continue;
                    }
                    record = pending.toString();
                    pending = null;
                } else if (csv && !CsvParser.isComplete(line, quote)) {
                    pending = new StringBuilder(line);
                    continue;
                } else {
                    record = line;
                }
                if (record.isBlank()) {
                    continue;
                }
                if (first && header && csv) {
                    first = false;
                    continue;
                }
                first = false;
                out.accept(record);
            }
            if (pending != null) {
                out.accept(pending.toString()); // unclosed quote at end of file: corrupt, but kept
            }
        }
    }

    /** Up to {@code max} records (header included for CSV) from the files, for schema inference. */
    List<String> sample(Path dir, List<String> files, int max) throws IOException {
        List<String> out = new ArrayList<>();
        TextFileReader raw = new TextFileReader(csv, quote, false);
        for (String f : files) {
            List<String> one = new ArrayList<>();
            raw.forEachRecord(dir.resolve(f), one::add);
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
}
