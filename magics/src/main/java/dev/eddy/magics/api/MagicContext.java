package dev.eddy.magics.api;

import dev.eddy.magics.api.render.Renderers;
import java.util.Optional;

/**
 * What a running magic may use from the kernel. Implemented by the kernel; display calls made from background
 * threads after the cell finished still go to the cell that ran the magic.
 */
public interface MagicContext {
    MagicRegistry registry();

    Renderers renderers();

    /** Renders {@code value} (a {@link dev.eddy.magics.api.render.MimeBundle} is sent as is) as display_data. */
    String display(Object value);

    /** Replaces what the display {@code displayId} shows, wherever it is in the notebook. */
    void updateDisplay(String displayId, Object value);

    /**
     * Like {@link #updateDisplay}, for a caller that paces its updates itself (the live views: one per interval per
     * view, a budget over all views), so they are not held back a second time.
     */
    default void updateDisplayNow(String displayId, Object value) {
        updateDisplay(displayId, value);
    }

    /** The display will get no more updates (its query ended): the kernel may forget it. */
    default void endDisplay(String displayId) {}

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    void clearOutput(boolean wait);

    /** The current value of a Java variable defined in an earlier cell, if there is one by that name. */
    Optional<Object> variable(String name);

    /**
     * The notebook cell the magic runs in, as the front end names it ({@code cellId} in the execute request's
     * metadata, which JupyterLab and Notebook 7 send); empty when the client names no cell (a console, nbclient).
     * Running a cell again gives the same id, so a magic can tell a re-run from a new cell.
     */
    default Optional<String> cellId() {
        return Optional.empty();
    }
}
