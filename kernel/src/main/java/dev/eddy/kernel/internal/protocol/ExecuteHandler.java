package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.display.DisplayPublisher;
import dev.eddy.kernel.internal.eval.CellContext;
import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.kernel.internal.eval.EvalResult;
import dev.eddy.kernel.internal.history.History;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.magics.api.render.MimeBundle;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * execute_request: execute_input, the cell's output and result, the reply; honours {@code silent},
 * {@code store_history}, {@code user_expressions} and {@code stop_on_error}.
 */
public final class ExecuteHandler implements RequestHandler {
    private final CellRunner runner;
    private final DisplayPublisher display;
    private final History history;
    private final BiFunction<Message, Boolean, CellContext> newCell;
    private int executionCount;

    /** {@code newCell} makes the output and input routing for a request (and whether it allows stdin). */
    public ExecuteHandler(
            CellRunner runner,
            DisplayPublisher display,
            History history,
            BiFunction<Message, Boolean, CellContext> newCell) {
        this.runner = runner;
        this.display = display;
        this.history = history;
        this.newCell = newCell;
    }

    @Override
    public void handle(Exchange ex) {
        JsonNode c = ex.content();
        String code = c.path("code").asText("");
        boolean silent = c.path("silent").asBoolean(false);
        boolean store = !silent && c.path("store_history").asBoolean(true);
        if (store) {
            executionCount++;
            history.add(executionCount, code);
        }
        int count = executionCount;
        CellContext cell = newCell.apply(ex.request(), c.path("allow_stdin").asBoolean(false));
        // Before execute_input: a client may interrupt as soon as it sees that, and the interrupt must find the cell.
        runner.begin();
        if (!silent) {
            ObjectNode input = Json.object();
            input.put("code", code);
            input.put("execution_count", count);
            ex.publish("execute_input", input);
        }
        EvalResult result = runner.runBegun(code, cell);
        display.flushUpdates();
        cell.flush();
        if (result instanceof EvalResult.Ok ok) {
            showResult(cell, ok, silent, store, count);
            ObjectNode reply = Json.object();
            reply.put("status", "ok");
            reply.put("execution_count", count);
            reply.putArray("payload");
            reply.set("user_expressions", userExpressions(c.path("user_expressions"), cell));
            ex.reply("execute_reply", reply);
        } else {
            EvalResult.Error err = (EvalResult.Error) result;
            if (!silent) {
                ex.publish("error", errorContent(err));
            }
            if (c.path("stop_on_error").asBoolean(true)) {
                ex.takeQueuedBeforeError();
            }
            ObjectNode reply = errorContent(err);
            reply.put("status", "error");
            reply.put("execution_count", count);
            ex.reply("execute_reply", reply);
        }
    }

    private void showResult(CellContext cell, EvalResult.Ok ok, boolean silent, boolean store, int count) {
        if (!ok.hasValue() || silent || cell.isDisplayId(ok.value())) {
            return;
        }
        MimeBundle bundle = display.renderers().render(ok.value());
        display.executeResult(cell, count, bundle);
        if (store) {
            history.setOutput(count, bundle.plainText());
        }
    }

    private ObjectNode userExpressions(JsonNode expressions, CellContext cell) {
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = expressions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            EvalResult r = runner.run(e.getValue().asText(), cell);
            ObjectNode v = out.putObject(e.getKey());
            if (r instanceof EvalResult.Ok ok) {
                MimeBundle b = display.renderers().render(ok.hasValue() ? ok.value() : null);
                v.put("status", "ok");
                v.set("data", Json.tree(b.data()));
                v.set("metadata", Json.tree(b.metadata()));
            } else {
                v.setAll(errorContent((EvalResult.Error) r));
                v.put("status", "error");
            }
        }
        cell.flush();
        return out;
    }

    static ObjectNode errorContent(EvalResult.Error err) {
        ObjectNode c = Json.object();
        c.put("ename", err.ename());
        c.put("evalue", err.evalue());
        err.traceback().forEach(c.putArray("traceback")::add);
        return c;
    }
}
