package dev.eddy.streaming.api.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The offset of a source that reads a directory file by file (the CSV/JSON file source, the Parquet source): the
 * files taken so far, relative to the directory, in the order they were taken, {@code {"files":["a.csv"]}}. A
 * batch is the files of its end offset that its start offset does not hold, so a restart reads no file twice.
 */
public record FileListOffset(List<String> files) implements Offset {
    private static final JsonFactory JSON = new JsonFactory();
    public static final FileListOffset EMPTY = new FileListOffset(List.of());

    public FileListOffset {
        files = List.copyOf(files);
    }

    /**
     * The offset after taking the files of {@code listed} not taken yet, in listing order, at most
     * {@code maxFiles} of them ({@code maxFiles <= 0}: all); this offset itself when there is none.
     */
    public FileListOffset take(Iterable<String> listed, int maxFiles) {
        Set<String> seen = new HashSet<>(files);
        List<String> next = new ArrayList<>(files);
        int added = 0;
        for (String f : listed) {
            if (maxFiles > 0 && added == maxFiles) {
                break;
            }
            if (seen.add(f)) {
                next.add(f);
                added++;
            }
        }
        return added == 0 ? this : new FileListOffset(next);
    }

    /**
     * The offset after taking files of {@code listed} not taken yet, in listing order, while their total size stays
     * within {@code maxBytes}: the first one always (a file larger than the cap is a batch of its own), then each next
     * one while it fits, stopping at the first that does not (Spark's {@code maxBytesPerTrigger}). This offset itself
     * when there is none.
     */
    public FileListOffset takeBytes(Iterable<String> listed, long maxBytes, ToLongFunction<String> size) {
        Set<String> seen = new HashSet<>(files);
        List<String> next = new ArrayList<>(files);
        long total = 0;
        int added = 0;
        for (String f : listed) {
            if (!seen.add(f)) {
                continue;
            }
            long s = Math.max(0, size.applyAsLong(f));
            if (added > 0 && (total + s < total || total + s > maxBytes)) {
                break;
            }
            total += s;
            next.add(f);
            added++;
        }
        return added == 0 ? this : new FileListOffset(next);
    }

    /** The files this offset holds that {@code start} does not: a batch's files, in the order taken. */
    public List<String> since(FileListOffset start) {
        Set<String> before = new HashSet<>(start.files);
        List<String> out = new ArrayList<>();
        for (String f : files) {
            if (!before.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public String json() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeArrayFieldStart("files");
            for (String f : files) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Reads {@link #json()}'s form back; anything else is an IllegalArgumentException quoting it. */
    public static FileListOffset parse(String json) {
        List<String> files = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT
                    || p.nextToken() != JsonToken.FIELD_NAME
                    || !"files".equals(p.currentName())
                    || p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not a file list offset: " + json);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                files.add(p.getText());
            }
            if (t != JsonToken.END_ARRAY) {
                throw new IllegalArgumentException("not a file list offset: " + json);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a file list offset: " + json, e);
        }
        return new FileListOffset(files);
    }

    @Override
    public String toString() {
        return json();
    }
}
