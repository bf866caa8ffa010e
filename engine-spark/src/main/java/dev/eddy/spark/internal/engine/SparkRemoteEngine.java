package dev.eddy.spark.internal.engine;

import dev.eddy.spark.api.RemoteQuery;
import dev.eddy.spark.api.SparkConnection;
import dev.eddy.sql.api.engine.RemoteEngine;
import dev.eddy.sql.api.engine.RemoteRun;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.StreamingQuery;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tech.tablesaw.api.Table;

/** The {@link RemoteEngine} of a {@link SparkConnection}. */
final class SparkRemoteEngine implements RemoteEngine {
    private final SparkConnection connection;
    private final List<RemoteRun> runs = new CopyOnWriteArrayList<>();

    SparkRemoteEngine(SparkConnection connection) {
        this.connection = connection;
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String url() {
        return connection.url();
    }

    @Override
    public String version() {
        return connection.sparkVersion();
    }

    @Override
    public String label() {
        return connection.label();
    }

    @Override
    public Object session() {
        return connection.session();
    }

    @Override
    public RemoteRun start(DataStreamWriter writer) {
        RemoteQuery q = connection.start(writer.spec());
        RemoteStreamingQuery handle = new RemoteStreamingQuery(q);
        RemoteRun run = new RemoteRun() {
            @Override
            public StreamingQuery query() {
                return handle;
            }

            @Override
            public Table result() {
                return q.result();
            }

            @Override
            public String label() {
                return q.label();
            }

            @Override
            public void onChange(Runnable listener) {
                connection.onChange(q.id(), listener);
            }
        };
        runs.add(run);
        return run;
    }

    @Override
    public List<RemoteRun> runs() {
        return List.copyOf(runs);
    }

    @Override
    public void close() {
        connection.close();
    }
}
