package dev.eddy.streaming.internal.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaValueLayoutTest {
    private static final List<ColumnSpec> STORED = List.of(
            new ColumnSpec("clicks", ValueType.INT),
            new ColumnSpec("score", ValueType.LONG),
            new ColumnSpec("user", ValueType.STRING));

    @Test
    void when_plannedColumnsAreWiderOrNew_then_storedValuesAreWidenedAndNewColumnsStayNull() {
        List<ColumnSpec> planned = List.of(
                new ColumnSpec("clicks", ValueType.STRING),
                new ColumnSpec("extra", ValueType.BOOLEAN),
                new ColumnSpec("score", ValueType.DOUBLE),
                new ColumnSpec("user", ValueType.STRING));
        KafkaValueLayout layout = KafkaValueLayout.of(planned, STORED);
        ParsedRow row = new ParsedRow(STORED);
        assertThat(TextFormats.parser("json", STORED, CsvOptions.DEFAULT)
                        .parse("{\"clicks\":6,\"score\":7,\"user\":\"eve\",\"extra\":true}", row))
                .isTrue();
        BatchBuilder b = Batch.builder(Schema.of(
                Field.of("clicks", DataType.STRING),
                Field.of("extra", DataType.BOOLEAN),
                Field.of("score", DataType.DOUBLE),
                Field.of("user", DataType.STRING)));
        layout.write(row, b);
        Batch out = b.endRow().build();
        assertThat(out.column(0).get(0)).isEqualTo("6");
        assertThat(out.column(1).get(0)).isNull();
        assertThat(out.column(2).get(0)).isEqualTo(7.0);
        assertThat(out.column(3).get(0)).isEqualTo("eve");
    }

    @Test
    void when_storedAndPlannedAreEqual_then_thereIsNoLayout() {
        assertThat(KafkaValueLayout.of(STORED, STORED)).isNull();
    }

    @Test
    void when_aPlannedColumnIsNarrower_then_itIsAnErrorNamingBothTypes() {
        assertThatThrownBy(() -> KafkaValueLayout.of(List.of(new ColumnSpec("score", ValueType.INT)), STORED))
                .hasMessageContaining("decodes column 'score' as LONG")
                .hasMessageContaining("plans it as INT");
    }
}
