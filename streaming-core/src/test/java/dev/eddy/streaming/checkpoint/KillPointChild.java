package dev.eddy.streaming.checkpoint;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.window;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.checkpoint.StateStorage;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.internal.checkpoint.FileCheckpointStore;
import dev.eddy.streaming.testing.TimedWords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The query of {@link CheckpointKillIT}, run in its own JVM: JSON files -> windowed counts (append) -> JSON file
 * sink, with a file checkpoint. With {@code announce} it prints each checkpoint phase ({@code PHASE <name> <batch>})
 * and waits for a line on stdin before going on, so the test can SIGKILL it exactly there ({@code after-delta}: the
 * state delta is written, a due snapshot is not yet).
 * Args: input dir, output dir, checkpoint dir, announce (true/false).
 */
public final class KillPointChild {
    private KillPointChild() {}

    public static void main(String[] args) throws Exception {
        boolean announce = Boolean.parseBoolean(args[args.length - 1]);
        Eddy eddy = Eddy.builder().build();
        StreamingQuery q = args[0].equals("kafka")
                ? kafkaQuery(eddy, args, announce)
                : args[0].equals("jdbc") ? jdbcQuery(eddy, args, announce) : fileQuery(eddy, args, announce);
        q.processAllAvailable();
        q.stop();
        if (q.exception().isPresent()) {
            q.exception().get().printStackTrace();
            System.exit(2);
        }
        System.out.println("DONE");
        System.out.flush();
    }

    /**
     * The input both file-fed queries count: one JSON file a batch of {@code ts}, {@code word} events (the files
     * {@link WordEventFiles} writes), counted per word in 10 s windows with a 5 s watermark.
     */
    private static Dataset windowedCounts(Eddy eddy, String inputDir) {
        Dataset events = eddy.readStream()
                .format("json")
                .option("maxFilesPerTrigger", "1")
                .schema(TimedWords.SCHEMA)
                .load(inputDir);
        return events.withWatermark("ts", "5 seconds")
                .groupBy(window(col("ts"), "10 seconds"), col("word"))
                .count();
    }

    /** Args: file, input dir, output dir, checkpoint dir, announce. */
    private static StreamingQuery fileQuery(Eddy eddy, String[] args, boolean announce) {
        Dataset counts = windowedCounts(eddy, args[1]);
        // few retained batches and a short snapshot interval: kills land between deltas, snapshots and retention
        FileCheckpointStore store = new FileCheckpointStore(Path.of(args[3]), 4, 3);
        if (announce) {
            store.onStateFileWritten(f -> {
                String name = f.getFileName().toString();
                if (name.endsWith(".delta")) {
                    Announcing.phase("after-delta", Long.parseLong(name.substring(0, name.indexOf('.'))));
                }
            });
        }
        return counts.writeStream()
                .format("json")
                .option("path", args[2])
                .outputMode("append")
                .checkpointStore(announce ? new Announcing(store) : store)
                .start();
    }

    /**
     * Args: jdbc, input dir, JDBC URL, table, user, password, checkpoint dir, announce: the file query's windowed counts
     * written to a database by format("jdbc") (connectors' JDBC sink IT runs it; this module has no JDBC sink).
     */
    private static StreamingQuery jdbcQuery(Eddy eddy, String[] args, boolean announce) {
        Dataset counts = windowedCounts(eddy, args[1]);
        FileCheckpointStore store = new FileCheckpointStore(Path.of(args[6]), 4, 3);
        return counts.writeStream()
                .format("jdbc")
                .option("url", args[2])
                .option("dbtable", args[3])
                .option("user", args[4])
                .option("password", args[5])
                .outputMode("append")
                .checkpointStore(announce ? new Announcing(store) : store)
                .start();
    }

    /** Args: kafka, bootstrap, input topic, output topic, checkpoint dir, [fetch,] announce. */
    private static StreamingQuery kafkaQuery(Eddy eddy, String[] args, boolean announce) {
        var reader = eddy.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", args[1])
                .option("subscribe", args[2])
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", "5");
        if (args.length > 6) {
            reader = reader.option("fetch", args[5]); // the Kafka source's fetcher, if given (else its default)
        }
        Dataset in = reader.load().select("value");
        CheckpointStore store = new FileCheckpointStore(Path.of(args[4]), 100);
        // the sink derives its transactional id from this location, as it would from checkpointLocation(...)
        return in.writeStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", args[1])
                .option("topic", args[3])
                .option("transactionalId", "kill-" + Path.of(args[4]).getFileName())
                .checkpointStore(announce ? new Announcing(store) : store)
                .start();
    }

    /** Announces each phase and blocks until the test says go on (or kills this JVM). */
    private static final class Announcing extends ForwardingCheckpointStore {
        private static final BufferedReader IN =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        Announcing(CheckpointStore inner) {
            super(inner);
        }

        private static void phase(String name, long batchId) {
            System.out.println("PHASE " + name + " " + batchId);
            System.out.flush();
            try {
                if (IN.readLine() == null) {
                    throw new IllegalStateException("test went away");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void logOffsets(OffsetLogEntry entry) {
            phase("before-offsets", entry.batchId());
            super.logOffsets(entry);
            phase("after-offsets", entry.batchId());
        }

        @Override
        public StateStorage stateStorage(String operatorId) {
            StateStorage inner = super.stateStorage(operatorId);
            return new StateStorage() {
                @Override
                public boolean keepsState() {
                    return inner.keepsState();
                }

                @Override
                public void write(long version, StateDelta delta) {
                    phase("after-sink", version);
                    inner.write(version, delta);
                    phase("after-state", version);
                }

                @Override
                public Optional<Batch> read(long version) {
                    return inner.read(version);
                }
            };
        }

        @Override
        public void commitBatch(long batchId, long nextWatermarkMicros) {
            phase("before-commit", batchId);
            super.commitBatch(batchId, nextWatermarkMicros);
            phase("after-commit", batchId);
        }
    }
}
