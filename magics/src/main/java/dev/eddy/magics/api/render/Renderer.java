package dev.eddy.magics.api.render;

/** Turns one kind of value into a MIME bundle. Must include {@code text/plain}; must not throw for valid values. */
@FunctionalInterface
public interface Renderer<T> {
    MimeBundle render(T value);
}
