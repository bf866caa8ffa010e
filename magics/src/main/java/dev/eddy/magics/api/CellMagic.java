package dev.eddy.magics.api;

/**
 * A cell magic: a cell whose first line is {@code %%name args}; the rest of the cell is its body. The returned
 * value (if not {@code null}) is rendered as the cell's result. Throw {@link MagicException} for bad input.
 */
public interface CellMagic extends Magic {
    Object run(String args, String body, MagicContext context) throws Exception;

    /** The simplest way to make one: {@code CellMagic.of("html", "renders HTML", (args, body, ctx) -> ...)}. */
    static CellMagic of(String name, String help, Body body) {
        return new LambdaMagics.Cell(name, help, body);
    }

    /** The body of a cell magic made with {@link #of}. */
    @FunctionalInterface
    interface Body {
        Object run(String args, String body, MagicContext context) throws Exception;
    }
}
