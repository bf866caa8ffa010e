package dev.eddy.kernel.internal.protocol;

import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.kernel.internal.eval.Completions;

/** complete_request: JShell's suggestions, or magic names on a magic line. */
public final class CompleteHandler implements RequestHandler {
    private final CellRunner runner;

    public CompleteHandler(CellRunner runner) {
        this.runner = runner;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        CodeAtCursor at = CodeAtCursor.of(ex.content());
        Completions r = runner.complete(at.code(), at.cursor());
        CodeAtCursor.replyOk(ex, "complete_reply", reply -> {
            r.matches().forEach(reply.putArray("matches")::add);
            reply.put("cursor_start", at.codePoints(r.start()));
            reply.put("cursor_end", at.codePoints(r.end()));
        });
    }
}
