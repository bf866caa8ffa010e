package dev.eddy.spark.api;

import dev.eddy.spark.internal.translate.MemorySinkReader;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.internal.exec.QuerySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.connect.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import scala.runtime.AbstractFunction0;
import tech.tablesaw.api.Table;

/**
 * A streaming query running on Spark, seen from the notebook: Eddy's query-handle vocabulary (name, id, status,
 * progress as Spark's JSON, stop, await, explain) plus the current result table of its memory sink, read the way
 * the output mode means it (append: all rows; update: the latest row per key, since Spark's memory sink keeps every
 * update; complete: the last batch's table). A server that is gone shows as an error, never as a hang.
 */
public final class RemoteQuery {
    private final SparkConnection connection;
    private final StreamingQuery query;
    private final QuerySpec spec;
    private final MemorySinkReader reader;
    private volatile String lost;
    private volatile boolean ended;

    RemoteQuery(SparkConnection connection, StreamingQuery query, QuerySpec spec) {
        this.connection = connection;
        this.query = query;
        this.spec = spec;
        this.reader = isMemorySink(spec)
                ? new MemorySinkReader(connection.session(), spec.queryName(), spec.plan(), spec.mode())
                : null;
    }

    private static boolean isMemorySink(QuerySpec spec) {
        return spec.format() == null || spec.format().equals("memory");
    }

    public String name() {
        return query.name();
    }

    public String id() {
        return query.id().toString();
    }

    public String runId() {
        return query.runId().toString();
    }

    public OutputMode outputMode() {
        return spec.mode();
    }

    public SparkConnection connection() {
        return connection;
    }

    /** The Spark query itself (for a Spark user's own code). */
    public StreamingQuery sparkQuery() {
        return query;
    }

    public boolean isActive() {
        return refreshActive();
    }

    /** Asks the server (one call); false once the query ended or the server is gone. */
    boolean refreshActive() {
        if (ended) {
            return false;
        }
        boolean active = remote(query::isActive, false);
        if (!active) {
            ended = true;
        }
        return active;
    }

    /** Whether the query is known to have ended (no server call: for views that ask on every tick). */
    public boolean ended() {
        return ended || lost != null;
    }

    void markEnded() {
        ended = true;
    }

    /** Spark's status JSON ({@code message}, {@code isDataAvailable}, {@code isTriggerActive}). */
    public String statusJson() {
        return remote(() -> query.status().json(), null);
    }

    /** The last progress as Spark's JSON, or null before the first batch. */
    public String lastProgressJson() {
        StreamingQueryProgress p = remote(query::lastProgress, null);
        return p == null ? null : p.json();
    }

    public List<String> recentProgressJson() {
        StreamingQueryProgress[] all = remote(query::recentProgress, new StreamingQueryProgress[0]);
        List<String> out = new ArrayList<>(all.length);
        for (StreamingQueryProgress p : all) {
            out.add(p.json());
        }
        return out;
    }

    /** Why the query failed (Spark's error) or why it cannot be reached; null while it is fine. */
    public String error() {
        if (lost != null) {
            return lost;
        }
        return remote(
                () -> query.exception().isDefined()
                        ? SparkConnection.firstLine(query.exception().get())
                        : null,
                null);
    }

    public void stop() {
        remote(
                () -> {
                    unchecked(() -> {
                        query.stop();
                        return null;
                    });
                    return null;
                },
                null);
        ended = true; // stop() returns once the query has stopped
    }

    void stopQuietly() {
        try {
            unchecked(() -> {
                query.stop();
                return null;
            });
        } catch (Exception ignored) {
            // the server is gone: its queries are gone with it
        }
    }

    /** Waits up to {@code millis} for the query to end; true if it ended. */
    public boolean awaitTermination(long millis) {
        Boolean ended = remote(() -> unchecked(() -> query.awaitTermination(millis)), true);
        return ended == null || ended; // null: it ended with an error
    }

    /** Runs batches until everything available at the time of the call is processed (tests, availableNow). */
    public void processAllAvailable() {
        remote(
                () -> {
                    query.processAllAvailable();
                    return null;
                },
                null);
    }

    /** Spark's physical plan of the running query (its extended explain). */
    public String explain() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // the Connect client prints the server's explain with Scala's println: capture it for this call only
        scala.Console.withOut(new PrintStream(out, true, StandardCharsets.UTF_8), new AbstractFunction0<Object>() {
            @Override
            public Object apply() {
                query.explain(true);
                return null;
            }
        });
        return out.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    /** The current result as a Tablesaw table with Eddy's column layout, or null if it is not a memory sink. */
    public Table result() {
        return reader == null ? null : remote(reader::read, null);
    }

    /** "on spark sc://host:port (4.2.0)". */
    public String label() {
        return connection.label();
    }

    /** Spark's Scala API declares checked exceptions; a failed query is reported by {@link #error()}. */
    private static <T> T unchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (StreamingQueryException e) {
            return null;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private <T> T remote(Supplier<T> call, T whenLost) {
        if (lost != null) {
            return whenLost;
        }
        try {
            return call.get();
        } catch (Exception e) { // Spark's Scala code throws checked SparkExceptions undeclared
            String line = SparkConnection.failure(connection.url(), e);
            if (line.contains("unreachable")) {
                lost = "Lost the Spark server: " + line;
                return whenLost;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(line, e);
        }
    }
}
