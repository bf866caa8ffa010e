package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Eddy's one class in Parquet's package. Every public way to make {@link ParquetReadOptions} (its Builder, and so
 * ParquetReader's builder) first creates Parquet's Hadoop-based CodecFactory, whose loading needs hadoop-common
 * classes; the kernel has none. This calls the package-private constructor with the Builder's defaults and Eddy's
 * own codec factory instead (Hadoop vectored IO off). Keep in step with parquet-hadoop when upgrading it.
 */
public final class EddyReadOptions {
    private static final int MAX_ALLOCATION_SIZE = 8 * 1024 * 1024; // the Builder's default

    private EddyReadOptions() {}

    public static ParquetReadOptions create(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(
                false,
                true,
                true,
                true,
                true,
                false,
                true,
                false,
                false,
                FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER,
                codecs,
                new HeapByteBufferAllocator(),
                MAX_ALLOCATION_SIZE,
                new HashMap<>(),
                null,
                null,
                new PlainParquetConfiguration());
    }
}
