package dev.eddy.streaming.internal.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON file read with {@code multiLine} (Spark's): the whole file is one JSON document, an object (one record) or an
 * array of them (a record each). A document that is not valid JSON is one malformed record: its whole text.
 */
public final class JsonDocuments {
    private JsonDocuments() {}

    /**
     * The records' texts of a document: its array's elements, or the document itself; null when it is not valid JSON
     * (the caller keeps the whole text as one malformed record).
     */
    public static List<String> records(String document) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = JsonLinesParser.FACTORY.createParser(document)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return out; // nothing but blanks
            }
            if (first != JsonToken.START_ARRAY) {
                p.skipChildren();
                if (p.nextToken() != null) {
                    return null; // text after the document
                }
                out.add(document.strip());
                return out;
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    return null;
                }
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getCharOffset();
                out.add(document.substring(start, end));
            }
            return p.nextToken() == null ? out : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
