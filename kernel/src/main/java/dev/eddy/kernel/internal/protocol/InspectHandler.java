package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.kernel.internal.wire.Json;
import java.util.List;

/** inspect_request: signatures (and Javadoc when the JDK ships sources), or a magic's help. */
public final class InspectHandler implements RequestHandler {
  private final CellRunner runner;

  public InspectHandler(CellRunner runner) {
    this.runner = runner;
  }

  @Override
  public void handle(Exchange ex) throws Exception {
    JsonNode c = ex.content();
    String code = c.path("code").asText("");
    int cursor = CodePoints.toIndex(code, c.path("cursor_pos").asInt(code.codePointCount(0, code.length())));
    List<String> docs = runner.inspect(code, cursor);
    ObjectNode reply = Json.object();
    reply.put("status", "ok");
    reply.put("found", !docs.isEmpty());
    ObjectNode data = reply.putObject("data");
    if (!docs.isEmpty()) {
      data.put("text/plain", String.join("\n\n", docs));
    }
    reply.putObject("metadata");
    ex.reply("inspect_reply", reply);
  }
}
