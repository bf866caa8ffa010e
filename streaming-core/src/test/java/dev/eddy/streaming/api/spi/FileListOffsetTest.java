package dev.eddy.streaming.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileListOffsetTest {

    @Test
    void when_filesAreListed_then_onlyTheNewOnesAreTakenInListingOrderUpToTheLimit() {
        FileListOffset start = new FileListOffset(List.of("a"));
        FileListOffset next = start.take(List.of("c", "a", "b", "d"), 2);
        assertThat(next.files()).containsExactly("a", "c", "b");
        assertThat(next.since(start)).containsExactly("c", "b");
        assertThat(next.take(List.of("c", "a", "b", "d"), 0).since(next)).containsExactly("d");
    }

    @Test
    void when_nothingIsNew_then_theSameOffsetComesBack() {
        FileListOffset start = new FileListOffset(List.of("a", "b"));
        assertThat(start.take(List.of("b", "a"), 5)).isSameAs(start);
    }

    @Test
    void when_anOffsetIsWrittenAndReadBack_then_itIsEqual_andOtherTextIsRefusedQuotingIt() {
        FileListOffset o = new FileListOffset(List.of("dt=2024-05-01/part-0.parquet", "x \"y\".csv"));
        assertThat(FileListOffset.parse(o.json())).isEqualTo(o);
        assertThatThrownBy(() -> FileListOffset.parse("{\"files\":[\"a\",1]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{\"files\":[\"a\",1]}");
        assertThatThrownBy(() -> FileListOffset.parse("42")).isInstanceOf(IllegalArgumentException.class);
    }
}
