package dev.eddy.kernel.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A message header. Immutable; {@link #toJson()} gives a fresh node each time. */
public record Header(String msgId, String session, String username, String date, String msgType, String version) {

    public static final String PROTOCOL_VERSION = "5.4";

    /** Reads a received header; missing optional fields become "". */
    public static Header fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new MalformedMessageException("header is not a JSON object");
        }
        String type = n.path("msg_type").asText("");
        if (type.isEmpty()) {
            throw new MalformedMessageException("header has no msg_type");
        }
        return new Header(
                n.path("msg_id").asText(""),
                n.path("session").asText(""),
                n.path("username").asText(""),
                n.path("date").asText(""),
                type,
                n.path("version").asText(""));
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("msg_id", msgId);
        n.put("session", session);
        n.put("username", username);
        n.put("date", date);
        n.put("msg_type", msgType);
        n.put("version", version);
        return n;
    }
}
