package dev.eddy.sql.internal.translate;

import dev.eddy.sql.api.Relation;
import dev.eddy.streaming.api.DataStreamReader;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Watermark;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * Catalog entries as engine plans of one session: a SQL stream is {@code readStream()} with its
 * connector and options (plus withWatermark), a Java stream its own plan, a table a static scan of its
 * current rows. Also makes the writer of an INSERT's sink.
 */
public final class EngineSources implements Function<Relation, LogicalPlan> {
  private final Eddy session;

  public EngineSources(Eddy session) {
    this.session = session;
  }

  @Override public LogicalPlan apply(Relation r) {
    if (r.source() != null) {
      return r.source();
    }
    if (!r.isStream()) {
      Table t = r.snapshot().get().copy();
      t.setName(r.name());
      return session.createDataFrame(t).plan();
    }
    DataStreamReader reader = session.readStream().format(engineFormat(r)).schema(r.schema());
    reader.options(engineOptions(r));
    LogicalPlan plan = reader.load().plan();
    if (r.watermark().isPresent()) {
      plan = new Watermark(plan, r.watermark().get().column(), r.watermark().get().delay().toNanos() / 1000L);
    }
    return plan;
  }

  /** A writer of {@code rows} into the sink stream; memory sinks become memory tables of that name. */
  public DataStreamWriter writer(Dataset rows, Relation sink, String outputMode) {
    DataStreamWriter w = rows.writeStream().outputMode(outputMode).queryName(sink.name());
    if (sink.connector().equals("memory")) {
      return w.memory(sink.name());
    }
    w.format(engineFormat(sink));
    engineOptions(sink).forEach(w::option);
    return w;
  }

  /** The engine's format name: the connector, except that file connectors name their file format. */
  static String engineFormat(Relation r) {
    String connector = r.connector();
    return connector.equals("file") ? r.options().getOrDefault("format", "json") : connector;
  }

  private static Map<String, String> engineOptions(Relation r) {
    Map<String, String> o = new LinkedHashMap<>(r.options());
    o.remove("connector");
    return o;
  }
}
