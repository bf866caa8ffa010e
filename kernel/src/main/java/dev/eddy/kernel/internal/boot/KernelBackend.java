package dev.eddy.kernel.internal.boot;

import dev.eddy.kernel.api.Notebook;
import dev.eddy.kernel.internal.display.DisplayPublisher;
import dev.eddy.kernel.internal.eval.CellContext;
import dev.eddy.kernel.internal.eval.CellRouting;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.Renderers;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kernel behind both the cell helpers ({@link Notebook}) and the magics ({@link MagicContext}): displays go
 * to the display publisher, input to the cell's stdin, variables come from JShell.
 */
final class KernelBackend implements Notebook.Backend, MagicContext {
    private final DisplayPublisher display;
    private final MagicRegistry magics;
    private final Function<String, Optional<Object>> variables;

    KernelBackend(DisplayPublisher display, MagicRegistry magics, Function<String, Optional<Object>> variables) {
        this.display = display;
        this.magics = magics;
        this.variables = variables;
    }

    @Override
    public Renderers renderers() {
        return display.renderers();
    }

    @Override
    public MagicRegistry magics() {
        return magics;
    }

    @Override
    public MagicRegistry registry() {
        return magics;
    }

    @Override
    public String display(Object value) {
        return display.display(value);
    }

    @Override
    public void updateDisplay(String displayId, Object value) {
        display.updateDisplay(displayId, value);
    }

    @Override
    public void updateDisplayNow(String displayId, Object value) {
        display.updateDisplayNow(displayId, value);
    }

    @Override
    public void endDisplay(String displayId) {
        display.endDisplay(displayId);
    }

    @Override
    public void clearOutput(boolean wait) {
        display.clearOutput(wait);
    }

    @Override
    public Optional<Object> variable(String name) {
        return variables.apply(name);
    }

    @Override
    public Optional<String> cellId() {
        CellContext cell = CellRouting.current();
        return cell == null ? Optional.empty() : Optional.ofNullable(cell.cellId());
    }

    @Override
    public String input(String prompt, boolean password) {
        CellContext cell = CellRouting.current();
        if (cell == null) {
            throw new IllegalStateException("input(...) works only in a cell (or a thread a cell started)");
        }
        cell.flush();
        try {
            String line = cell.input().readLine(prompt, password);
            if (line == null) {
                throw new IllegalStateException("this front end does not accept input (allow_stdin is false)");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for input", e);
        }
    }
}
