package dev.eddy.magics.api;

/**
 * A line magic: {@code %name args}. The returned value (if not {@code null}) is rendered as the cell's result
 * through {@link dev.eddy.magics.api.render.Renderers}. Throw {@link MagicException} for bad arguments: the
 * user sees its message only, with no stack trace.
 */
public interface LineMagic extends Magic {
    Object run(String args, MagicContext context) throws Exception;

    /** The simplest way to make one: {@code LineMagic.of("time", "prints the time", (args, ctx) -> ...)}. */
    static LineMagic of(String name, String help, Body body) {
        return new LambdaMagics.Line(name, help, body);
    }

    /** The body of a line magic made with {@link #of}. */
    @FunctionalInterface
    interface Body {
        Object run(String args, MagicContext context) throws Exception;
    }
}
