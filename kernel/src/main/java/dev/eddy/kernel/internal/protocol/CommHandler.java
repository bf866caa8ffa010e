package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.util.Log;
import dev.eddy.kernel.internal.wire.Json;

/**
 * Comms: no comm targets exist yet, so comm_info lists none and a comm_open is closed politely with a
 * comm_close on IOPub; comm_msg and comm_close for unknown comms are ignored, as the protocol says.
 */
public final class CommHandler {
    private static final Log LOG = Log.of(CommHandler.class);

    private CommHandler() {}

    public static void info(Exchange ex) {
        ObjectNode reply = Json.object();
        reply.put("status", "ok");
        reply.putObject("comms");
        ex.reply("comm_info_reply", reply);
    }

    public static void open(Exchange ex) {
        String target = ex.content().path("target_name").asText("");
        LOG.info("closing comm for unknown target '" + target + "'");
        ObjectNode close = Json.object();
        close.put("comm_id", ex.content().path("comm_id").asText(""));
        close.putObject("data").put("error", "Eddy has no comm target named '" + target + "'");
        ex.publish("comm_close", close);
    }

    public static void ignore(Exchange ex) {
        LOG.debug("ignoring " + ex.request().type() + " for comm "
                + ex.content().path("comm_id").asText(""));
    }
}
