package dev.eddy.connectors.parquet.internal;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;

/**
 * A parquet-hadoop writer builder for a local file with no Hadoop classes at runtime: a plain configuration and
 * Eddy's own codecs ({@link LocalCodecs}), records of type {@code T} written by the write support it is given.
 */
final class LocalParquetWriter<T> extends ParquetWriter.Builder<T, LocalParquetWriter<T>> {
    private final Supplier<WriteSupport<T>> support;

    private LocalParquetWriter(Path file, Supplier<WriteSupport<T>> support) {
        super(new LocalOutputFile(file));
        this.support = support;
    }

    /** A builder of a writer of {@code file}, each writer with a new write support from {@code support}. */
    static <T> LocalParquetWriter<T> to(Path file, Supplier<WriteSupport<T>> support) {
        return new LocalParquetWriter<>(file, support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(LocalCodecs.INSTANCE);
    }

    @Override
    protected LocalParquetWriter<T> self() {
        return this;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
        return support.get();
    }

    @Override
    protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
        return support.get();
    }
}
