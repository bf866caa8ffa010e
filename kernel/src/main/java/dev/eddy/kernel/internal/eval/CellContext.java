package dev.eddy.kernel.internal.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cell a thread works for: its request header (the parent of everything it publishes) and its coalescing
 * stdout/stderr buffers. Threads started from a cell inherit it, so their output lands under that cell even
 * after the cell has finished. {@code cellId} is the front end's id of the notebook cell (null: it sent none).
 */
public record CellContext(
        JsonNode parentHeader,
        StreamBuffer stdout,
        StreamBuffer stderr,
        CellInput input,
        AtomicReference<String> lastDisplayId,
        String cellId) {

    public CellContext(JsonNode parentHeader, StreamBuffer stdout, StreamBuffer stderr, CellInput input) {
        this(parentHeader, stdout, stderr, input, null);
    }

    public CellContext(
            JsonNode parentHeader, StreamBuffer stdout, StreamBuffer stderr, CellInput input, String cellId) {
        this(parentHeader, stdout, stderr, input, new AtomicReference<>(), cellId);
    }

    /** A cell without stdin. */
    public CellContext(JsonNode parentHeader, StreamBuffer stdout, StreamBuffer stderr) {
        this(parentHeader, stdout, stderr, CellInput.none());
    }

    /** Remembers the id {@code display(...)} returned, so a cell ending in {@code display(x)} shows no id. */
    public void noteDisplayId(String id) {
        lastDisplayId.set(id);
    }

    /** True if {@code value} is the very id object the last {@code display(...)} of this cell returned. */
    public boolean isDisplayId(Object value) {
        return value != null && value == lastDisplayId.get();
    }

    /** Publishes whatever output is buffered, so what follows (a display, the reply) comes after it. */
    public void flush() {
        stdout.flush();
        stderr.flush();
    }
}
