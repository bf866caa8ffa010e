package dev.eddy.kernel.internal.eval;

import java.util.List;

/** Completion matches and the range of the cell they replace (UTF-16 indexes). */
public record Completions(List<String> matches, int start, int end) {}
