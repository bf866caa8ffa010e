package dev.eddy.streaming.api.function;

/** Receives output rows as values in the output schema's column order. */
@FunctionalInterface
public interface RowEmitter {
    void emit(Object... values);
}
