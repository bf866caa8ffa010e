package dev.eddy.magics.testing;

import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The kernel stand-in for magic tests (magics' and the kernel's): keeps what was displayed, in order, and the
 * latest update of each display; the registry and the cell variables are what the test gives.
 */
public final class RecordingContext implements MagicContext {
    public final List<Object> displayed = new CopyOnWriteArrayList<>();
    /** The latest bundle each display id was updated to. */
    public final Map<String, Object> latest = new ConcurrentHashMap<>();

    private final Object updates = new Object();
    private final MagicRegistry registry;
    private final Function<String, Optional<Object>> variables;
    private final Renderers renderers = Renderers.withDefaults();
    /** What {@link #cellId()} answers: the cell the next magic runs in (null: the client names none). */
    public volatile String cellId;

    /** No registry and no variables: for magics that use neither. */
    public RecordingContext() {
        this(null, name -> Optional.empty());
    }

    /** Magics run through {@code registry}; {@code variables} answers {@link #variable} (e.g. JShell's). */
    public RecordingContext(MagicRegistry registry, Function<String, Optional<Object>> variables) {
        this.registry = registry;
        this.variables = variables;
    }

    @Override
    public Optional<String> cellId() {
        return Optional.ofNullable(cellId);
    }

    @Override
    public MagicRegistry registry() {
        return registry;
    }

    @Override
    public Renderers renderers() {
        return renderers;
    }

    @Override
    public String display(Object value) {
        displayed.add(value);
        return "d" + displayed.size();
    }

    @Override
    public void updateDisplay(String displayId, Object value) {
        latest.put(displayId, value);
        synchronized (updates) {
            updates.notifyAll();
        }
    }

    @Override
    public void clearOutput(boolean wait) {}

    @Override
    public Optional<Object> variable(String name) {
        return variables.apply(name);
    }

    /**
     * Waits (polling, with a deadline) until the latest text/plain of display {@code displayId} contains
     * {@code part}; returns that text, or fails with what the display showed last.
     */
    public String awaitUpdate(String displayId, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = null;
        synchronized (updates) {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Object v = latest.get(displayId);
                last = v instanceof MimeBundle b ? b.plainText() : String.valueOf(v);
                if (last.contains(part)) {
                    return last;
                }
                updates.wait(Math.max(1, left / 1_000_000));
            }
        }
        throw new AssertionError("display " + displayId + " never showed '" + part + "'; last: " + last);
    }

    /** The text/plain of every displayed bundle. */
    public List<String> texts() {
        return displayed.stream()
                .filter(MimeBundle.class::isInstance)
                .map(b -> ((MimeBundle) b).plainText())
                .toList();
    }
}
