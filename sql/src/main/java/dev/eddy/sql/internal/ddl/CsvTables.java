package dev.eddy.sql.internal.ddl;

import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** A static table backed by a CSV file, read with the declared column types each time it is queried. */
final class CsvTables {
  private CsvTables() {
  }

  static Supplier<Table> reader(String name, Path path, Schema schema, boolean header) {
    ColumnType[] types = new ColumnType[schema.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columnType(schema.field(i));
    }
    return () -> {
      if (!Files.isReadable(path)) {
        throw new UncheckedIOException(new IOException("table '" + name + "': cannot read file " + path));
      }
      Table t = Table.read().usingOptions(CsvReadOptions.builder(path.toFile())
          .header(header).columnTypes(types).tableName(name));
      for (int i = 0; i < schema.size(); i++) {
        t.column(i).setName(schema.field(i).name());
      }
      return t;
    };
  }

  private static ColumnType columnType(Field f) {
    switch (f.type()) {
      case INT:
        return ColumnType.INTEGER;
      case LONG:
        return ColumnType.LONG;
      case DOUBLE:
        return ColumnType.DOUBLE;
      case BOOLEAN:
        return ColumnType.BOOLEAN;
      case TIMESTAMP:
        return ColumnType.LOCAL_DATE_TIME;
      default:
        return ColumnType.STRING;
    }
  }
}
