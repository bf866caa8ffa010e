package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.kernel.internal.wire.Json;

/** is_complete_request: whether a console should run the input or wait for more lines. */
public final class IsCompleteHandler implements RequestHandler {
    private final CellRunner runner;

    public IsCompleteHandler(CellRunner runner) {
        this.runner = runner;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        String status = runner.completeness(ex.content().path("code").asText(""));
        ObjectNode reply = Json.object();
        reply.put("status", status);
        if ("incomplete".equals(status)) {
            reply.put("indent", "");
        }
        ex.reply("is_complete_reply", reply);
    }
}
