package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.history.History;
import dev.eddy.kernel.internal.wire.Json;
import java.util.List;

/** history_request: tail, range and search, with or without outputs. */
public final class HistoryHandler implements RequestHandler {
    private final History history;

    public HistoryHandler(History history) {
        this.history = history;
    }

    @Override
    public void handle(Exchange ex) {
        JsonNode c = ex.content();
        List<History.Entry> rows = switch (c.path("hist_access_type").asText("tail")) {
            case "range" ->
                history.range(
                        c.path("session").asInt(0),
                        c.path("start").asInt(0),
                        c.path("stop").asInt(0));
            case "search" ->
                history.search(
                        c.path("pattern").asText("*"),
                        c.path("n").asInt(0),
                        c.path("unique").asBoolean(false));
            default -> history.tail(c.path("n").asInt(10));
        };
        boolean output = c.path("output").asBoolean(false);
        ObjectNode reply = Json.object();
        reply.put("status", "ok");
        ArrayNode items = reply.putArray("history");
        for (History.Entry e : rows) {
            ArrayNode row = items.addArray().add(e.session()).add(e.line());
            if (output) {
                row.addArray().add(e.input()).add(e.output());
            } else {
                row.add(e.input());
            }
        }
        ex.reply("history_reply", reply);
    }
}
