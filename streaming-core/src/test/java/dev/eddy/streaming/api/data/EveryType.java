package dev.eddy.streaming.api.data;

import java.util.List;

/** One field of each column type, a struct among them, for tests that go through every kind of column. */
final class EveryType {
    static final List<Field> FIELDS = List.of(
            Field.of("b", DataType.BOOLEAN),
            Field.of("i", DataType.INT),
            Field.of("l", DataType.LONG),
            Field.of("t", DataType.TIMESTAMP),
            Field.of("d", DataType.DOUBLE),
            Field.of("s", DataType.STRING),
            Field.struct("st", Field.of("x", DataType.LONG), Field.of("y", DataType.STRING)));

    private EveryType() {}
}
