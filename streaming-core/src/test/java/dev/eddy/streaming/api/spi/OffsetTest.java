package dev.eddy.streaming.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetTest {

    @Test
    void when_partitionOffsetsRoundTrip_then_equal() {
        PartitionOffsets o = PartitionOffsets.of(Map.of(1, 7L, 0, 12L));
        assertThat(o.json()).isEqualTo("{\"0\":12,\"1\":7}");
        assertThat(PartitionOffsets.parse(o.json())).isEqualTo(o);
        assertThat(PartitionOffsets.parse(" { \"0\" : 12 , \"1\":7 } ")).isEqualTo(o);
    }

    @Test
    void when_offsetTextIsBroken_then_clearError() {
        assertThatThrownBy(() -> PartitionOffsets.parse("{\"0\":12,x}")).hasMessageContaining("not a partition offset");
        assertThatThrownBy(() -> LongOffset.parse("abc")).hasMessageContaining("not a long offset");
        assertThat(LongOffset.parse(new LongOffset(-1).json())).isEqualTo(new LongOffset(-1));
    }
}
