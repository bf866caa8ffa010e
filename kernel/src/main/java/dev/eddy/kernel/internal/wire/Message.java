package dev.eddy.kernel.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One Jupyter message. {@code parentHeader}, {@code metadata} and {@code content} are JSON objects that are never
 * modified after the message is built (treat them as immutable). {@code identities} are the ZMQ routing frames
 * (or the IOPub topic).
 */
public record Message(
        List<byte[]> identities,
        Header header,
        JsonNode parentHeader,
        JsonNode metadata,
        JsonNode content,
        List<byte[]> buffers) {

    public Message {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    public String type() {
        return header.msgType();
    }

    /** The header as a JSON object, used as the parent header of replies and outputs. */
    public JsonNode headerJson() {
        return header.toJson();
    }
}
