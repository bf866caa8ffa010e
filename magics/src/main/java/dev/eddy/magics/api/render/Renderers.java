package dev.eddy.magics.api.render;

import dev.eddy.magics.internal.render.DefaultRenderers;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry of renderers by value type. {@link #render(Object)} picks the renderer registered for the value's
 * class, else for its nearest superclass, else for an interface it implements (breadth first), and falls back
 * to {@code String.valueOf}. Every bundle it returns has {@code text/plain}. Thread-safe: background threads
 * render display updates while cells register renderers.
 */
public final class Renderers {
    private final Map<Class<?>, Renderer<?>> byType = new ConcurrentHashMap<>();

    /** An empty registry: only the plain-text fallback and {@link Displayable}/{@link MimeBundle} values. */
    public Renderers() {}

    /** A registry with the built-in renderers (Tablesaw tables, images, arrays, text). */
    public static Renderers withDefaults() {
        Renderers r = new Renderers();
        DefaultRenderers.registerInto(r);
        return r;
    }

    public <T> Renderers register(Class<T> type, Renderer<? super T> renderer) {
        byType.put(type, renderer);
        return this;
    }

    /** Renders any value, {@code null} included, never throwing: a failing renderer falls back to text. */
    public MimeBundle render(Object value) {
        if (value == null) {
            return MimeBundle.text("null");
        }
        if (value instanceof MimeBundle b) {
            return b.data().containsKey(MimeBundle.TEXT_PLAIN) ? b : b.with(MimeBundle.TEXT_PLAIN, "");
        }
        try {
            if (value instanceof Displayable d) {
                return render(d.toMimeBundle());
            }
            Renderer<Object> r = find(value.getClass());
            MimeBundle b = r == null ? null : r.render(value);
            if (b != null) {
                return b.data().containsKey(MimeBundle.TEXT_PLAIN) ? b : b.with(MimeBundle.TEXT_PLAIN, plain(value));
            }
        } catch (RuntimeException e) {
            return MimeBundle.text(plain(value) + "\n(rendering failed: " + e + ")");
        }
        return MimeBundle.text(plain(value));
    }

    @SuppressWarnings("unchecked")
    private Renderer<Object> find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Renderer<?> r = byType.get(c);
            if (r != null) {
                return (Renderer<Object>) r;
            }
        }
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            queue.addAll(List.of(c.getInterfaces()));
        }
        while (!queue.isEmpty()) {
            Class<?> i = queue.poll();
            if (!seen.add(i)) {
                continue;
            }
            Renderer<?> r = byType.get(i);
            if (r != null) {
                return (Renderer<Object>) r;
            }
            queue.addAll(List.of(i.getInterfaces()));
        }
        return null;
    }

    private static String plain(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return value.getClass().getName() + " (toString failed: " + e + ")";
        }
    }
}
