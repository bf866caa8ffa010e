package dev.eddy.kernel.api;

import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderers;

/**
 * Helpers for Java cells; statically imported into every JShell session, so a cell can write
 * {@code String id = display(table);} and later, even from a background thread after the cell finished,
 * {@code updateDisplay(id, newTable);}. Values are rendered by the kernel's renderer registry (tables as HTML,
 * images as PNG, {@link MimeBundle}s as given, anything else as text).
 */
public final class Notebook {
    private static volatile Backend backend;

    private Notebook() {}

    /** Shows {@code value} under the current cell; returns its display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        return backend().display(value);
    }

    /** Replaces what display {@code displayId} shows. Works from any thread, also after its cell finished. */
    public static void updateDisplay(String displayId, Object value) {
        backend().updateDisplay(displayId, value);
    }

    /** Clears the current cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the current cell's output; with {@code wait}, only when new output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        backend().clearOutput(wait);
    }

    /** Asks the person at the notebook for one line of text (an input box under the cell). */
    public static String input(String prompt) {
        return backend().input(prompt, false);
    }

    /** Like {@link #input(String)}, but the typed text is hidden (passwords, tokens). */
    public static String password(String prompt) {
        return backend().input(prompt, true);
    }

    /** The kernel's renderer registry: {@code renderers().register(MyType.class, v -> MimeBundle.html(...))}. */
    public static Renderers renderers() {
        return backend().renderers();
    }

    /** The kernel's magics: {@code magics().register(LineMagic.of("hi", "greets", (args, ctx) -> "hi " + args))}. */
    public static MagicRegistry magics() {
        return backend().magics();
    }

    /** HTML to show with {@link #display}. */
    public static MimeBundle html(String html) {
        return MimeBundle.html(html);
    }

    /** Markdown to show with {@link #display}. */
    public static MimeBundle markdown(String markdown) {
        return MimeBundle.markdown(markdown);
    }

    /** Connects these helpers to a running kernel. Called once by the kernel at start; not for cells. */
    public static synchronized void bind(Backend b) {
        backend = b;
    }

    /** Disconnects {@code b} if it is the bound backend (kernel shutdown): nothing of the session stays reachable. */
    public static synchronized void unbind(Backend b) {
        if (backend == b) {
            backend = null;
        }
    }

    private static Backend backend() {
        Backend b = backend;
        if (b == null) {
            throw new IllegalStateException("no Eddy kernel is running in this JVM");
        }
        return b;
    }

    /** What the kernel provides behind these helpers. */
    public interface Backend {
        String display(Object value);

        void updateDisplay(String displayId, Object value);

        void clearOutput(boolean wait);

        String input(String prompt, boolean password);

        Renderers renderers();

        MagicRegistry magics();
    }
}
