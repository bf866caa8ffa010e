package dev.eddy.sql.api;

import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import tech.tablesaw.api.Table;

/** What one statement produced. */
public sealed interface SqlResult {

    /** DDL confirmation, e.g. "Created stream 'lines' (2 columns)". */
    record Message(String text) implements SqlResult {}

    /** A bounded result: batch SELECT, SHOW, DESCRIBE. */
    record Rows(Table table) implements SqlResult {}

    /** EXPLAIN: the validated logical plan as text. */
    record Plan(String text) implements SqlResult {}

    /**
     * A validated streaming statement (SELECT over a stream, or INSERT INTO sink SELECT): its output
     * schema, the streams and tables it reads, the sink (null for a SELECT), Calcite's logical plan as
     * text and as a RelNode, and, when {@link Sql} is bound to an engine session, the engine Dataset of the
     * SELECT, the writer of an INSERT and the query it started (null where they do not apply).
     */
    record Streaming(
            String sql,
            Schema schema,
            List<Relation> sources,
            Relation sink,
            String plan,
            RelNode rel,
            Dataset dataset,
            DataStreamWriter writer,
            StreamingQuery query)
            implements SqlResult {}
}
