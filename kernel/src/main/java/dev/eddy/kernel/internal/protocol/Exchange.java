package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.transport.Publisher;
import dev.eddy.kernel.internal.transport.RouterChannel;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.kernel.internal.wire.MessageFactory;
import java.util.ArrayList;
import java.util.List;

/** One request being handled: replies go back on its channel, publications go to IOPub under it. */
public final class Exchange {
    private final Message request;
    private final RouterChannel channel;
    private final MessageFactory messages;
    private final Publisher iopub;
    private final List<Message> queuedBeforeError = new ArrayList<>();
    private boolean idle;

    public Exchange(Message request, RouterChannel channel, MessageFactory messages, Publisher iopub) {
        this.request = request;
        this.channel = channel;
        this.messages = messages;
        this.iopub = iopub;
    }

    public Message request() {
        return request;
    }

    public JsonNode content() {
        return request.content();
    }

    /**
     * Sends the reply after everything published for this request, including its {@code idle} status, has
     * gone out on IOPub: a client that has the reply finds all of the request's IOPub messages already
     * there (jupyter_kernel_test, for one, reads them with a 0.1 s timeout, which a GC pause between reply
     * and idle would exceed). Replies are the last thing a handler does.
     */
    public void reply(String msgType, JsonNode content) {
        finish();
        iopub.awaitSent(1000);
        channel.send(messages.reply(request, msgType, content));
    }

    /** Publishes this request's {@code idle} status, once. */
    public void finish() {
        if (!idle) {
            idle = true;
            ObjectNode c = Json.object();
            c.put("execution_state", "idle");
            publish("status", c);
        }
    }

    public void publish(String msgType, JsonNode content) {
        iopub.publish(messages.publication(msgType, request.headerJson(), content, Json.object()));
    }

    /**
     * For stop_on_error: takes the requests already waiting on the channel. Call it before sending the error
     * reply, so exactly those sent before the client could see the error are aborted; the dispatcher answers
     * execute requests among them with "aborted" and handles the others normally.
     */
    void takeQueuedBeforeError() {
        for (Message m = channel.pollNow(); m != null; m = channel.pollNow()) {
            queuedBeforeError.add(m);
        }
    }

    List<Message> queuedBeforeError() {
        return queuedBeforeError;
    }
}
