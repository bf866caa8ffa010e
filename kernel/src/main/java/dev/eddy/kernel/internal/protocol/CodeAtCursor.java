package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.wire.Json;
import java.util.function.Consumer;

/**
 * The code and cursor of a complete_request or inspect_request, with the cursor as an index into the Java string.
 * Jupyter counts cursor positions in Unicode code points; Java strings index UTF-16 units.
 */
record CodeAtCursor(String code, int cursor) {

    /** From a request's {@code code} and {@code cursor_pos} (missing: the end of the code). */
    static CodeAtCursor of(JsonNode content) {
        String code = content.path("code").asText("");
        int codePoints = code.codePointCount(0, code.length());
        int requested = content.path("cursor_pos").asInt(codePoints);
        int cps = Math.max(0, Math.min(requested, codePoints));
        return new CodeAtCursor(code, code.offsetByCodePoints(0, cps));
    }

    /** {@code index} into the code as Jupyter's code-point position. */
    int codePoints(int index) {
        return code.codePointCount(0, Math.max(0, Math.min(index, code.length())));
    }

    /** Replies {@code type} with status ok, what {@code body} adds, and empty metadata. */
    static void replyOk(Exchange ex, String type, Consumer<ObjectNode> body) {
        ObjectNode reply = Json.object();
        reply.put("status", "ok");
        body.accept(reply);
        reply.putObject("metadata");
        ex.reply(type, reply);
    }
}
