package dev.eddy.kernel.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Builds the kernel's own messages. Every header carries the kernel's per-process session id (never the
 * client's), a fresh msg_id and a microsecond date.
 */
public final class MessageFactory {
    private final String session;
    private final String username;
    private final Clock clock;

    public MessageFactory(String session, String username, Clock clock) {
        this.session = session;
        this.username = username;
        this.clock = clock;
    }

    public static MessageFactory forThisProcess() {
        return new MessageFactory(
                UUID.randomUUID().toString(), System.getProperty("user.name", "eddy"), Clock.systemUTC());
    }

    public String session() {
        return session;
    }

    public Header header(String msgType) {
        return new Header(
                UUID.randomUUID().toString(), session, username, Dates.now(clock), msgType, Header.PROTOCOL_VERSION);
    }

    /** A reply to {@code request} on the same socket, routed back by the request's identities. */
    public Message reply(Message request, String msgType, JsonNode content) {
        return new Message(
                request.identities(), header(msgType), request.headerJson(), Json.object(), content, List.of());
    }

    /** An IOPub message whose parent is {@code parentHeader} (may be an empty object). */
    public Message publication(String msgType, JsonNode parentHeader, JsonNode content, JsonNode metadata) {
        byte[] topic = ("kernel." + session + "." + msgType).getBytes(StandardCharsets.UTF_8);
        return new Message(List.of(topic), header(msgType), parentHeader, metadata, content, List.of());
    }
}
