package dev.eddy.magics.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.testing.RuntimeSession;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import org.junit.jupiter.api.Test;

class SqlMagicAdviceTest extends RuntimeSession {

    @Test
    void when_appendModeAggregationHasNoWatermark_then_theCellSaysHowToDeclareOneInSql() {
        MemoryStream clicks =
                eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("page", DataType.STRING)));
        runtime.sql().catalog().registerStream("clicks", clicks.toDF());

        assertThatThrownBy(() -> new SqlMagic(runtime)
                        .run(
                                "--mode append",
                                "SELECT page, COUNT(*) AS n FROM clicks GROUP BY window(ts, '1 minute'), page",
                                ctx))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("Append output mode not supported")
                .hasMessageContaining("WATERMARK FOR ts AS ts - INTERVAL '10' SECOND")
                .hasMessageNotContaining("withWatermark");
        assertThat(eddy.streams().active()).isEmpty();
    }
}
