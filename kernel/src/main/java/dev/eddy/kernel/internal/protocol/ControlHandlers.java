package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.kernel.internal.wire.Json;
import java.util.function.Consumer;

/** interrupt_request and shutdown_request (control channel; shutdown is also accepted on shell). */
public final class ControlHandlers {
    private ControlHandlers() {}

    /** Stops the running cell, even a tight loop, and answers at once. */
    public static RequestHandler interrupt(CellRunner runner) {
        return ex -> {
            runner.interrupt();
            ObjectNode reply = Json.object();
            reply.put("status", "ok");
            ex.reply("interrupt_reply", reply);
        };
    }

    /** Replies (also on IOPub, as clients expect), then hands over to {@code exit} with the restart flag. */
    public static RequestHandler shutdown(Consumer<Boolean> exit) {
        return ex -> {
            boolean restart = ex.content().path("restart").asBoolean(false);
            ObjectNode reply = Json.object();
            reply.put("status", "ok");
            reply.put("restart", restart);
            ex.reply("shutdown_reply", reply);
            ex.publish("shutdown_reply", reply.deepCopy());
            exit.accept(restart);
        };
    }
}
