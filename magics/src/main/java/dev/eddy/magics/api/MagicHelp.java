package dev.eddy.magics.api;

import java.util.List;

/**
 * Optional for a {@link LineMagic} or {@link CellMagic}: full usage for Shift-Tab (inspect) and candidates for
 * Tab. The kernel filters candidates by the word being typed.
 */
public interface MagicHelp {
    /** Usage text with every option (picocli's usage for picocli magics). */
    String usage();

    /** Candidates for the word at the cursor on the magic's line; {@code argsBeforeCursor} is what precedes it. */
    default List<String> completeArgs(String argsBeforeCursor) {
        return List.of();
    }

    /** Candidates for a word in the body of a cell magic (e.g. SQL keywords, stream and table names). */
    default List<String> completeBody() {
        return List.of();
    }
}
