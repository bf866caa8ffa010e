package dev.eddy.sql.api.engine;

import dev.eddy.streaming.api.DataStreamWriter;
import java.util.List;

/** One notebook's connection to a remote engine. Closing it stops the queries it started. */
public interface RemoteEngine extends AutoCloseable {
    String name();

    String url();

    /** The engine's version as the server reports it, e.g. "4.2.0". */
    String version();

    /** For status lines: "on spark sc://host:15002 (4.2.0)". */
    String label();

    /** The engine's own session object (for Spark: the Spark Connect {@code SparkSession}), for Java cells. */
    Object session();

    /**
     * Translates what {@code writer} would start on the embedded engine and starts it remotely.
     *
     * @throws RuntimeException with the reason (and what to use instead) if it cannot run remotely; nothing starts
     */
    RemoteRun start(DataStreamWriter writer);

    /** The queries this connection started, oldest first. */
    List<RemoteRun> runs();

    @Override
    void close();
}
