package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.transport.Publisher;
import dev.eddy.kernel.internal.transport.RouterChannel;
import dev.eddy.kernel.internal.util.Log;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.kernel.internal.wire.MessageFactory;
import java.util.List;
import java.util.Map;

/**
 * Routes a channel's requests to handlers by type, with {@code busy} before and {@code idle} after every one on
 * IOPub. A handler that fails still gets its request a {@code status: error} reply, and so does a signed request
 * whose content could not be read (not a JSON object, too large). After a failed cell with
 * {@code stop_on_error}, execute requests already queued are answered {@code aborted}.
 */
public final class Dispatcher implements RouterChannel.Handler {
    private static final Log LOG = Log.of(Dispatcher.class);
    private final Map<String, RequestHandler> handlers;
    private final MessageFactory messages;
    private final Publisher iopub;

    public Dispatcher(Map<String, RequestHandler> handlers, MessageFactory messages, Publisher iopub) {
        this.handlers = Map.copyOf(handlers);
        this.messages = messages;
        this.iopub = iopub;
    }

    @Override
    public void handle(Message request, RouterChannel channel) {
        Exchange ex = new Exchange(request, channel, messages, iopub);
        ex.publish("status", status("busy"));
        try {
            RequestHandler h = handlers.get(request.type());
            if (h == null) {
                LOG.info(channel.name() + ": ignoring unsupported message type " + request.type());
            } else {
                runHandler(h, ex);
            }
        } finally {
            ex.finish();
        }
        abortQueued(ex.queuedBeforeError(), channel);
    }

    /** A signed request whose content could not be read: busy, an error reply naming why, idle. */
    @Override
    public void refuse(Message request, String reason, RouterChannel channel) {
        Exchange ex = new Exchange(request, channel, messages, iopub);
        ex.publish("status", status("busy"));
        String type = request.type();
        if (type.endsWith("_request")) {
            ObjectNode c = Json.object();
            c.put("status", "error");
            c.put("ename", "MalformedMessage");
            c.put("evalue", reason);
            c.putArray("traceback").add("MalformedMessage: " + reason);
            ex.reply(type.substring(0, type.length() - "_request".length()) + "_reply", c);
        } else {
            ex.finish();
        }
    }

    private void runHandler(RequestHandler h, Exchange ex) {
        try {
            h.handle(ex);
        } catch (Exception | LinkageError e) {
            LOG.warn("handling " + ex.request().type() + " failed", e);
            String type = ex.request().type();
            if (type.endsWith("_request")) {
                ObjectNode c = Json.object();
                c.put("status", "error");
                c.put("ename", e.getClass().getSimpleName());
                c.put("evalue", String.valueOf(e.getMessage()));
                c.putArray("traceback").add(e.toString());
                ex.reply(type.replace("_request", "_reply"), c);
            }
        }
    }

    private void abortQueued(List<Message> queued, RouterChannel channel) {
        for (Message m : queued) {
            if ("execute_request".equals(m.type())) {
                Exchange ex = new Exchange(m, channel, messages, iopub);
                ex.publish("status", status("busy"));
                ObjectNode c = Json.object();
                c.put("status", "aborted");
                ex.reply("execute_reply", c);
            } else {
                handle(m, channel);
            }
        }
    }

    static ObjectNode status(String state) {
        ObjectNode c = Json.object();
        c.put("execution_state", state);
        return c;
    }
}
