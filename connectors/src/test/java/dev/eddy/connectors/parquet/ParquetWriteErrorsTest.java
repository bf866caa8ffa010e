package dev.eddy.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetWriteErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void when_aNotNullColumnHoldsNull_then_writingFailsNamingTheColumn() {
        Schema s = Schema.of(new Field("id", DataType.LONG, false, List.of()), Field.of("name", DataType.STRING));
        Batch b = Batch.builder(s).addRow(1L, "a").addRow(null, "b").build();
        assertThatThrownBy(() -> ParquetFiles.write(b, tmp.resolve("f.parquet"), "snappy"))
                .hasMessageContaining("column 'id' is NOT NULL but row 1 holds null");
    }

    @Test
    void when_aSingleBatchIsWrittenAndReadBack_then_requiredAndOptionalFieldsKeepTheirNullability() {
        Schema s = Schema.of(new Field("id", DataType.LONG, false, List.of()), Field.of("name", DataType.STRING));
        Path f = tmp.resolve("f.parquet");
        ParquetFiles.write(Batch.builder(s).addRow(1L, null).build(), f, "zstd");
        Schema back = ParquetFiles.schema(f);
        assertThat(back.field("id").nullable()).isFalse();
        assertThat(back.field("name").nullable()).isTrue();
        assertThat(ParquetFiles.read(f).row(0).isNull(1)).isTrue();
    }
}
