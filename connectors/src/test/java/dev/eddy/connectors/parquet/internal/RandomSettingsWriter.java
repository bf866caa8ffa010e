package dev.eddy.connectors.parquet.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of Java values with parquet-mr and random writer settings (page v1/v2, dictionary on/off,
 * byte-stream-split, page and row group sizes, every codec), for the decoders' differential tests.
 */
final class RandomSettingsWriter {
    private RandomSettingsWriter() {}

    /** Writes {@code rows} with random writer settings; returns them, for messages. */
    static String write(Path f, MessageType schema, List<Object[]> rows, Random rnd) throws IOException {
        CompressionCodecName codec = List.of(
                        CompressionCodecName.SNAPPY,
                        CompressionCodecName.GZIP,
                        CompressionCodecName.ZSTD,
                        CompressionCodecName.UNCOMPRESSED)
                .get(rnd.nextInt(4));
        WriterVersion version = rnd.nextBoolean() ? WriterVersion.PARQUET_1_0 : WriterVersion.PARQUET_2_0;
        boolean dictionary = rnd.nextInt(3) > 0;
        boolean split = rnd.nextInt(4) == 0;
        int pageRows = 20 + rnd.nextInt(2000);
        int pageSize = 512 + rnd.nextInt(64 * 1024);
        int dictPageSize = rnd.nextBoolean() ? 256 + rnd.nextInt(4096) : 1024 * 1024;
        int groupRows = 200 + rnd.nextInt(10_000);
        try (ParquetWriter<Object[]> w = LocalParquetWriter.to(f, () -> new RowsWriteSupport(schema))
                .withCompressionCodec(codec)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withByteStreamSplitEncoding(split)
                .withPageRowCountLimit(pageRows)
                .withPageSize(pageSize)
                .withDictionaryPageSize(dictPageSize)
                .withRowGroupRowCountLimit(groupRows)
                .withMinRowCountForPageSizeCheck(1)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Object[] row : rows) {
                w.write(row);
            }
        }
        return codec + ", " + version + ", dictionary " + dictionary + ", byte-stream-split " + split
                + ", page rows " + pageRows + ", page size " + pageSize + ", dictionary page " + dictPageSize
                + ", row group rows " + groupRows;
    }

    /** Writes an Object[] per row: Long, Integer, Double, Float, Boolean or String by the column's physical type. */
    private static final class RowsWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private RecordConsumer out;

        RowsWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                String name = schema.getType(i).getName();
                out.startField(name, i);
                if (v instanceof Long l) {
                    out.addLong(l);
                } else if (v instanceof Integer n) {
                    out.addInteger(n);
                } else if (v instanceof Double d) {
                    out.addDouble(d);
                } else if (v instanceof Float x) {
                    out.addFloat(x);
                } else if (v instanceof Boolean b) {
                    out.addBoolean(b);
                } else {
                    out.addBinary(Binary.fromString((String) v));
                }
                out.endField(name, i);
            }
            out.endMessage();
        }
    }
}
