package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.kernel.internal.eval.JShellEvaluator;
import dev.eddy.kernel.internal.wire.Json;

/** complete_request: JShell's suggestions, or magic names on a magic line. */
public final class CompleteHandler implements RequestHandler {
  private final CellRunner runner;

  public CompleteHandler(CellRunner runner) {
    this.runner = runner;
  }

  @Override
  public void handle(Exchange ex) throws Exception {
    JsonNode c = ex.content();
    String code = c.path("code").asText("");
    int cursor = CodePoints.toIndex(code, c.path("cursor_pos").asInt(code.codePointCount(0, code.length())));
    JShellEvaluator.Completions r = runner.complete(code, cursor);
    ObjectNode reply = Json.object();
    reply.put("status", "ok");
    r.matches().forEach(reply.putArray("matches")::add);
    reply.put("cursor_start", CodePoints.toCodePoints(code, r.start()));
    reply.put("cursor_end", CodePoints.toCodePoints(code, r.end()));
    reply.putObject("metadata");
    ex.reply("complete_reply", reply);
  }
}
