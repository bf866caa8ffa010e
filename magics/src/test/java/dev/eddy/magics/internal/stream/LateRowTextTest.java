package dev.eddy.magics.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LateRowTextTest {
    @Test
    void when_aDroppedRowHasATimestamp_then_itIsShownAsAnInstantWithColumnNames() {
        Schema s = Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("word", DataType.STRING));
        long micros = Instant.parse("2026-01-01T12:04:00Z").toEpochMilli() * 1000;
        assertThat(QueryInfo.readable(Row.of(s, micros, "donkey"))).isEqualTo("ts=2026-01-01T12:04:00Z, word=donkey");
    }

    @Test
    void when_aValueIsNull_then_itIsShownAsNull() {
        Schema s = Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("n", DataType.LONG));
        assertThat(QueryInfo.readable(Row.of(s, null, 3L))).isEqualTo("ts=null, n=3");
    }
}
