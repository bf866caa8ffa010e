package dev.eddy.connectors.parquet.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.streaming.api.spi.Offset;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Parquet files a stream has taken so far, relative to its directory, in the order taken:
 * {@code {"files":["dt=2024-05-01/part-00000-00000.snappy.parquet"]}} (the file source's layout).
 */
record ParquetFileOffset(List<String> files) implements Offset {
    private static final JsonFactory JSON = new JsonFactory();
    static final ParquetFileOffset EMPTY = new ParquetFileOffset(List.of());

    ParquetFileOffset {
        files = List.copyOf(files);
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

    static ParquetFileOffset parse(String json) {
        List<String> files = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"files".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not a Parquet source offset: " + json);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                files.add(p.getText());
            }
            if (t != JsonToken.END_ARRAY) {
                throw new IllegalArgumentException("not a Parquet source offset: " + json);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Parquet source offset: " + json, e);
        }
        return new ParquetFileOffset(files);
    }

    @Override
    public String toString() {
        return json();
    }
}
