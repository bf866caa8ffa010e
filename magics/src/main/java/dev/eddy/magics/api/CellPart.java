package dev.eddy.magics.api;

/** One piece of a cell, in order: Java for JShell, a line magic call, or a cell magic call (whole cell). */
public sealed interface CellPart {
    /** Java source; {@code line} is its 1-based first line in the cell, for error positions. */
    record Java(String code, int line) implements CellPart {}

    /** {@code %name args} on one line. */
    record LineCall(String name, String args, int line) implements CellPart {}

    /** {@code %%name args} on the first line; {@code body} is the rest of the cell. */
    record CellCall(String name, String args, String body) implements CellPart {}
}
