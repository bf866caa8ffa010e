package dev.eddy.sql.internal.ddl;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchTables;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * The rows of a table read through a {@link dev.eddy.streaming.api.spi.TableProvider} (e.g. JDBC): as a Tablesaw
 * table for batch SQL, and as engine batches for stream-static joins, which ask {@link #batches()} again before every
 * batch. A batch the provider answered from its cache is converted once.
 */
public final class ExternalTable implements Supplier<Table> {
  private final String name;
  private final Supplier<Batch> reader;
  private Batch lastBatch;
  private Table lastTable;

  ExternalTable(String name, Supplier<Batch> reader) {
    this.name = name;
    this.reader = reader;
  }

  /** The provider's reader: the current rows, the same instance while they are cached. */
  public Supplier<Batch> batches() {
    return reader;
  }

  @Override
  public synchronized Table get() {
    Batch b = reader.get();
    if (b != lastBatch) {
      lastTable = BatchTables.toTable(name, b);
      lastBatch = b;
    }
    return lastTable.copy();
  }
}
