package dev.eddy.spark.api;

import dev.eddy.spark.internal.translate.PlanTranslator;
import dev.eddy.spark.internal.translate.Retries;
import dev.eddy.spark.internal.translate.WriterTranslator;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.internal.exec.QuerySpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.StreamingQuery;
import org.apache.spark.sql.connect.client.SparkConnectClient;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * One notebook's connection to a Spark cluster through Spark Connect: the remote {@link SparkSession}, the
 * translation of Eddy's logical plans into Spark Dataset calls, and the remote queries it started. Closing it
 * stops those queries and releases the session.
 *
 * <pre>
 *   SparkConnection spark = SparkConnection.connect("sc://localhost:15002");
 *   RemoteQuery q = spark.start(eddyDataset.writeStream().outputMode("update").queryName("counts").spec());
 * </pre>
 */
public final class SparkConnection implements AutoCloseable {
    /** The client's Spark line; a server of another major.minor is refused at connect. */
    public static final String CLIENT_VERSION = "4.2";

    private final String url;
    private final SparkSession spark;
    private final String version;
    private final PlanTranslator translator;
    private final List<RemoteQuery> queries = new CopyOnWriteArrayList<>();
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private ScheduledExecutorService watchdog;

    private SparkConnection(String url, SparkSession spark, String version) {
        this.url = url;
        this.spark = spark;
        this.version = version;
        this.translator = new PlanTranslator(spark);
    }

    /**
     * Connects to {@code url} ({@code sc://host:port[/;token=...;user_id=...;use_ssl=true]}, Spark Connect's URL
     * form) and asks the server its version.
     *
     * @throws SparkConnectException in one line: unreachable, version mismatch, or authentication refused
     */
    public static SparkConnection connect(String url) {
        if (url == null || !url.startsWith("sc://")) {
            throw new SparkConnectException("Not a Spark Connect URL: '" + url + "' (use sc://host:15002)", null);
        }
        SparkSession spark;
        try {
            spark = SparkSession.builder()
                    .client(SparkConnectClient.builder()
                            .connectionString(url)
                            .retryPolicy(Retries.brief(3))
                            .build())
                    .create();
        } catch (Exception e) { // Spark's Scala code throws checked SparkExceptions undeclared
            throw new SparkConnectException("Bad Spark Connect URL '" + url + "': " + firstLine(e), e);
        }
        String version;
        try {
            version = spark.version();
        } catch (Exception e) { // Spark's Scala code throws checked SparkExceptions undeclared
            closeQuietly(spark);
            throw new SparkConnectException(failure(url, e), e);
        }
        if (!version.startsWith(CLIENT_VERSION + ".") && !version.equals(CLIENT_VERSION)) {
            closeQuietly(spark);
            throw new SparkConnectException(
                    "Spark version mismatch at " + url + ": the server runs " + version + ", Eddy's client is "
                            + CLIENT_VERSION + ".x",
                    null);
        }
        return new SparkConnection(url, spark, version);
    }

    /** The one-line reason a server could not be used, from a gRPC status or a Spark error. */
    static String failure(String url, Throwable e) {
        String text = String.valueOf(e.getMessage()) + " "
                + (e.getCause() == null ? "" : e.getCause().getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("unauthenticated") || lower.contains("permission_denied") || lower.contains("token")) {
            return "Spark at " + url + " refused the credentials: " + firstLine(e);
        }
        if (lower.contains("unavailable")
                || lower.contains("connection refused")
                || lower.contains("deadline")
                || lower.contains("unresolved")) {
            return "Spark at " + url + " is unreachable: " + firstLine(e);
        }
        return "Spark at " + url + " failed: " + firstLine(e);
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(SparkSession spark) {
        try {
            spark.close();
        } catch (Exception ignored) {
            // the server is gone or refused us; there is nothing left to release
        }
    }

    public String url() {
        return url;
    }

    /** The server's Spark version, e.g. "4.2.0". */
    public String sparkVersion() {
        return version;
    }

    /** The remote session itself, for a Spark user's own code in a Java cell. */
    public SparkSession session() {
        return spark;
    }

    /** {@code plan} as a Spark Dataset (nothing runs yet). @throws SparkRefusal if it cannot run remotely */
    public Dataset<Row> translate(LogicalPlan plan) {
        return translator.translate(plan);
    }

    /**
     * Translates and starts a query as its writer describes it ({@code DataStreamWriter.spec()} of Eddy).
     * Everything that cannot run remotely is refused before the query starts.
     */
    public RemoteQuery start(QuerySpec spec) {
        WriterTranslator.check(spec);
        Dataset<Row> rows = translate(spec.plan());
        StreamingQuery q;
        try {
            q = WriterTranslator.writer(rows, spec).start();
        } catch (TimeoutException e) {
            throw new SparkConnectException("Spark at " + url + " did not start the query in time", e);
        }
        RemoteQuery remote = new RemoteQuery(this, q, spec);
        queries.add(remote);
        return remote;
    }

    /**
     * Calls {@code listener} after each progress event of query {@code queryId} (Spark's client-side listener),
     * when it ends, and when the server is found gone (a check every 2 s while queries run). Listeners run on
     * client threads and must only queue work.
     */
    public synchronized void onChange(String queryId, Runnable listener) {
        listeners.computeIfAbsent(queryId, k -> new CopyOnWriteArrayList<>()).add(listener);
        if (watchdog == null) {
            spark.streams().addListener(new Bus());
            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "eddy-spark-watchdog");
                t.setDaemon(true);
                return t;
            });
            watchdog.scheduleWithFixedDelay(this::check, 2, 2, TimeUnit.SECONDS);
        }
    }

    private void fire(String queryId) {
        for (Runnable r : listeners.getOrDefault(queryId, List.of())) {
            try {
                r.run();
            } catch (Exception e) {
                // one view's failure must not keep the others from hearing about the batch
            }
        }
    }

    /** Finds queries that ended or a server that is gone, which no event would announce. */
    private void check() {
        for (RemoteQuery q : queries) {
            try {
                if (!q.ended() && !q.refreshActive()) {
                    fire(q.id());
                }
            } catch (Exception e) {
                // an answer we cannot read: asked again in 2 s (an exception here would end the checks for good)
            }
        }
    }

    /** Spark's client-side listener bus: progress and termination of this session's queries. */
    private final class Bus extends StreamingQueryListener {
        private static final long serialVersionUID = 1L;

        @Override
        public void onQueryStarted(QueryStartedEvent event) {
            // the view opens with the query; nothing to refresh yet
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            fire(event.progress().id().toString());
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
            for (RemoteQuery q : queries) {
                if (q.id().equals(event.id().toString())) {
                    q.markEnded();
                }
            }
            fire(event.id().toString());
        }
    }

    /** The queries this connection started, oldest first. */
    public List<RemoteQuery> queries() {
        return List.copyOf(queries);
    }

    /** A short label for status lines: "on spark sc://host:port (4.2.0)". */
    public String label() {
        return "on spark " + url.replaceAll(";token=[^;]*", ";token=***") + " (" + version + ")";
    }

    /** Stops this connection's queries (best effort: the server may be gone) and closes the session. */
    @Override
    public void close() {
        synchronized (this) {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
        }
        for (RemoteQuery q : queries) {
            q.stopQuietly();
        }
        closeQuietly(spark);
    }
}
