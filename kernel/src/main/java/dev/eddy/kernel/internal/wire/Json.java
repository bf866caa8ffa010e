package dev.eddy.kernel.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one shared Jackson mapper (thread-safe once configured) and small helpers. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /**
     * Lets the mapper read strings as long as a frame the codec accepts (Jackson's default limit is 20,000,000
     * characters; a longer cell would fail to parse). Raises the limit only, never lowers it.
     */
    static synchronized void allowStringsUpTo(int chars) {
        StreamReadConstraints now = MAPPER.getFactory().streamReadConstraints();
        if (chars > now.getMaxStringLength()) {
            MAPPER.getFactory()
                    .setStreamReadConstraints(
                            now.rebuild().maxStringLength(chars).build());
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Converts Maps/Lists/scalars (e.g. MIME bundle data) to a tree, keeping objects as objects. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Parses one JSON frame; anything but an object is malformed. */
    public static JsonNode parseObject(byte[] frame, String what) {
        try {
            JsonNode n = MAPPER.readTree(frame);
            if (n == null || !n.isObject()) {
                throw new MalformedMessageException(what + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new MalformedMessageException(what + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
