package dev.eddy.magics.api.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable Jupyter MIME bundle: MIME type to value, plus per-type metadata.
 *
 * <p>Text types hold {@link String}s; JSON types (for example {@code application/json} or
 * {@code application/vnd.vegalite.v5+json}) hold plain {@code Map}/{@code List}/number/string trees, which the
 * kernel serialises as JSON objects, never as JSON strings. Insertion order is kept because front ends show
 * the richest type they know and tests read bundles in order.
 */
public final class MimeBundle {
    public static final String TEXT_PLAIN = "text/plain";
    public static final String TEXT_HTML = "text/html";
    public static final String TEXT_MARKDOWN = "text/markdown";
    public static final String IMAGE_PNG = "image/png";
    public static final String APPLICATION_JSON = "application/json";

    private final Map<String, Object> data;
    private final Map<String, Object> metadata;

    private MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A bundle with the given data and no metadata; {@code text/plain} is required by Jupyter front ends. */
    public static MimeBundle of(Map<String, Object> data) {
        return new MimeBundle(data, Map.of());
    }

    public static MimeBundle text(String text) {
        return of(Map.of(TEXT_PLAIN, Objects.requireNonNull(text, "text")));
    }

    /** HTML with a plain-text fallback for consoles and history. */
    public static MimeBundle html(String html, String plainFallback) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(TEXT_HTML, html);
        d.put(TEXT_PLAIN, plainFallback);
        return of(d);
    }

    public static MimeBundle html(String html) {
        return html(html, "<HTML>");
    }

    public static MimeBundle markdown(String markdown) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(TEXT_MARKDOWN, markdown);
        d.put(TEXT_PLAIN, markdown);
        return of(d);
    }

    /** A JSON value under {@code mimeType}; {@code json} must be a Map/List/scalar tree, not a JSON string. */
    public static MimeBundle json(String mimeType, Object json, String plainFallback) {
        if (json instanceof CharSequence) {
            throw new IllegalArgumentException("JSON MIME values must be objects, not JSON strings: " + mimeType);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(mimeType, json);
        d.put(TEXT_PLAIN, plainFallback);
        return of(d);
    }

    /** A copy with one more (or a replaced) MIME type. */
    public MimeBundle with(String mimeType, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put(mimeType, value);
        return new MimeBundle(d, metadata);
    }

    /** A copy with metadata for one MIME type (e.g. image width). */
    public MimeBundle withMetadata(String mimeType, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(metadata);
        m.put(mimeType, value);
        return new MimeBundle(data, m);
    }

    public Map<String, Object> data() {
        return data;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The plain-text form, always present in bundles made by {@link Renderers}. */
    public String plainText() {
        Object t = data.get(TEXT_PLAIN);
        return t == null ? "" : t.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MimeBundle b && b.data.equals(data) && b.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(data, metadata);
    }

    @Override
    public String toString() {
        return "MimeBundle" + data.keySet();
    }
}
