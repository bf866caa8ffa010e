package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.eval.CellRunner;
import java.util.List;

/** inspect_request: signatures (and Javadoc when the JDK ships sources), or a magic's help. */
public final class InspectHandler implements RequestHandler {
    private final CellRunner runner;

    public InspectHandler(CellRunner runner) {
        this.runner = runner;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        CodeAtCursor at = CodeAtCursor.of(ex.content());
        List<String> docs = runner.inspect(at.code(), at.cursor());
        CodeAtCursor.replyOk(ex, "inspect_reply", reply -> {
            reply.put("found", !docs.isEmpty());
            ObjectNode data = reply.putObject("data");
            if (!docs.isEmpty()) {
                data.put("text/plain", String.join("\n\n", docs));
            }
        });
    }
}
