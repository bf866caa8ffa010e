package dev.eddy.streaming.internal.source.file;

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

/** The files of a directory source taken so far, in the order they were taken: {@code {"files":["a.csv"]}}. */
record FileListOffset(List<String> files) implements Offset {
    private static final JsonFactory JSON = new JsonFactory();
    static final FileListOffset EMPTY = new FileListOffset(List.of());

    FileListOffset {
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

    static FileListOffset parse(String json) {
        List<String> files = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"files".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not a file source offset: " + json);
            }
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                files.add(p.getText());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a file source offset: " + json, e);
        }
        return new FileListOffset(files);
    }

    @Override
    public String toString() {
        return json();
    }
}
