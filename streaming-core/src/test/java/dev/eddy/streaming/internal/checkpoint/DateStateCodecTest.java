package dev.eddy.streaming.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** DATE in state files: a new type code after the old ones, so state written before DATE existed still reads. */
class DateStateCodecTest {
    @Test
    void when_aBatchWithADateColumnIsEncoded_then_itDecodesToTheSameDays() throws IOException {
        Schema s = Schema.of(Field.of("day", DataType.DATE), Field.of("n", DataType.INT));
        Batch b = Batch.builder(s, 2)
                .addRow(LocalDate.of(2024, 1, 5), 1)
                .addRow(null, 2)
                .build();
        Batch back = BatchCodec.decode(BatchCodec.encode(b));
        assertThat(back.schema()).isEqualTo(s);
        assertThat(back.column(0).get(0)).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(back.column(0).isNull(1)).isTrue();
        assertThat(back.column(1).type()).isEqualTo(DataType.INT);
    }

    private static void name(DataOutputStream out, String name) throws IOException {
        out.writeInt(name.length());
        out.writeBytes(name);
    }

    @Test
    void when_stateWrittenBeforeDateExistedIsRead_then_itsTypeCodesMeanWhatTheyMeant() throws IOException {
        // the bytes the codec wrote before DATE: one INT column "n" (type code 1) and one TIMESTAMP "ts" (code 5)
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(2);
            name(out, "n");
            out.writeByte(1);
            out.writeBoolean(true);
            name(out, "ts");
            out.writeByte(5);
            out.writeBoolean(true);
            out.writeInt(1); // rows
            out.writeBoolean(false);
            out.writeInt(7);
            out.writeBoolean(false);
            out.writeLong(1_000_000L);
        }
        Batch old = BatchCodec.decode(bytes.toByteArray());
        assertThat(old.schema()).isEqualTo(Schema.of(Field.of("n", DataType.INT), Field.of("ts", DataType.TIMESTAMP)));
        assertThat(old.column(0).get(0)).isEqualTo(7);
        assertThat(old.column(1).get(0)).isEqualTo(1_000_000L);
    }
}
