package dev.eddy.streaming.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Format {@code kafka-test-gate}: a source (one string column {@code value}) that pins the timing of broker
 * outages inside one trigger. The engine asks every source for its latest offset, then gets every source's batch
 * in plan order; so a gate listed before a Kafka source runs its action after the Kafka source planned its range
 * and before the Kafka source reads it, or, feeding a Kafka sink, just before the sink writes.
 */
public final class GateSourceProvider implements SourceProvider {
    static final String FORMAT = "kafka-test-gate";
    private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();
    static final Schema SCHEMA = Schema.of(Field.of("value", DataType.STRING));

    /** One gate, shared between a test and the source its query creates. */
    public static final class Gate {
        private final List<List<String>> fired = new CopyOnWriteArrayList<>();
        private volatile List<String> armedRows;
        private volatile CountDownLatch go;
        private volatile Runnable inGetBatch;
        private volatile CountDownLatch reached = new CountDownLatch(1);
        volatile long firedBatch = -1;

        /**
         * The next trigger gets a batch with {@code rows}: its latest-offset call waits until {@code go} opens
         * (null: no wait), and its getBatch call runs {@code action} first.
         *
         * @return opens when that trigger has reached the gate (before the sources after it plan their ranges)
         */
        public CountDownLatch arm(List<String> rows, CountDownLatch go, Runnable action) {
            CountDownLatch r = new CountDownLatch(1);
            this.reached = r;
            this.go = go;
            this.inGetBatch = action;
            this.armedRows = rows;
            return r;
        }

        public long firedBatch() {
            return firedBatch;
        }
    }

    public static Gate gate(String id) {
        return GATES.computeIfAbsent(id, k -> new Gate());
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    public Source createSource(SourceContext context) {
        return new GateSource(gate(context.requireOption("id")));
    }

    private record Count(long n) implements Offset {
        @Override
        public String json() {
            return Long.toString(n);
        }
    }

    private static final class GateSource implements Source {
        private final Gate gate;

        GateSource(Gate gate) {
            this.gate = gate;
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public Offset initialOffset() {
            return new Count(0);
        }

        @Override
        public Offset latestOffset(Offset start, TriggerContext trigger) {
            List<String> rows = gate.armedRows;
            if (rows == null) {
                return start;
            }
            CountDownLatch go = gate.go;
            gate.reached.countDown();
            try {
                if (go != null && !go.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            gate.armedRows = null;
            gate.fired.add(rows);
            gate.firedBatch = trigger.batchId();
            return new Count(gate.fired.size());
        }

        @Override
        public Batch getBatch(Offset start, Offset end) {
            Runnable action = gate.inGetBatch;
            gate.inGetBatch = null;
            if (action != null) {
                action.run();
            }
            BatchBuilder b = Batch.builder(SCHEMA);
            for (long i = ((Count) start).n(); i < ((Count) end).n(); i++) {
                gate.fired.get((int) i).forEach(v -> b.setString(0, v).endRow());
            }
            return b.build();
        }

        @Override
        public boolean isReplayable() {
            return true;
        }

        @Override
        public Offset deserializeOffset(String json) {
            return new Count(Long.parseLong(json.trim()));
        }

        @Override
        public String description() {
            return "GateSource";
        }
    }
}
