package dev.eddy.streaming.api.topic;

import dev.eddy.streaming.internal.log.PartitionLog;
import dev.eddy.streaming.internal.log.TopicLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The registry of embedded topics (the default source: no broker needed). Thread-safe: cells produce while queries
 * read. Time comes from the injected clock, used for record timestamps and time-based retention.
 *
 * <pre>{@code
 * Topics topics = new Topics(Clock.systemUTC());
 * topics.create(TopicConfig.of("clicks", 3).withRetentionRecords(1_000_000));
 * topics.producer("clicks").send("user-1", "{\"page\":\"/\"}");
 * List<TopicRecord> rs = topics.read("clicks", 0, 0, 100);
 * }</pre>
 */
public final class Topics {
    private static final ConcurrentMap<String, Topics> NAMED = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, TopicLog> topics = new ConcurrentHashMap<>();
    private final dev.eddy.streaming.api.Clock clock;

    /** A registry on the engine's clock (a session passes its own; tests pass a ManualClock). */
    public Topics(dev.eddy.streaming.api.Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Topics(Clock clock) {
        this(Objects.requireNonNull(clock, "clock")::millis);
    }

    /**
     * The process-wide registry (system clock) that the {@code topic} source and sink use unless their option
     * {@code topics} names another registry registered with {@link #registerAs(String)}.
     */
    public static Topics shared() {
        return NAMED.computeIfAbsent(DEFAULT_ID, id -> new Topics(dev.eddy.streaming.api.Clock.system()));
    }

    /** The id under which {@link #shared()} is registered. */
    public static final String DEFAULT_ID = "default";

    /** Makes this registry findable by the topic source and sink under {@code id}; replaces an earlier one. */
    public Topics registerAs(String id) {
        NAMED.put(id, this);
        return this;
    }

    /**
     * Forgets the registry registered under {@code id} (a session that registered one ends it; the kernel forgets
     * the default one at shutdown, and the next {@link #shared()} is a fresh, empty registry).
     */
    public static void unregister(String id) {
        NAMED.remove(id);
    }

    /** The registry registered under {@code id} ({@link #shared()} for "default"), or a clear error. */
    public static Topics named(String id) {
        if (DEFAULT_ID.equals(id)) {
            return shared();
        }
        Topics t = NAMED.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no topic registry '" + id + "'; registered: " + NAMED.keySet());
        }
        return t;
    }

    public long now() {
        return clock.millis();
    }

    /** Creates a topic; fails if one with that name exists. */
    public TopicDescription create(TopicConfig config) {
        TopicLog log = new TopicLog(config);
        if (topics.putIfAbsent(config.name(), log) != null) {
            throw new IllegalArgumentException("topic '" + config.name() + "' already exists");
        }
        return log.describe();
    }

    public TopicDescription create(String name, int partitions) {
        return create(TopicConfig.of(name, partitions));
    }

    /** Creates the topic unless it exists; returns the topic as it is now. */
    public TopicDescription createIfAbsent(TopicConfig config) {
        return topics.computeIfAbsent(config.name(), n -> new TopicLog(config)).describe();
    }

    public boolean exists(String name) {
        return topics.containsKey(name);
    }

    /** Topic names in alphabetical order. */
    public List<String> list() {
        return new ArrayList<>(new TreeSet<>(topics.keySet()));
    }

    public TopicDescription describe(String name) {
        return log(name).describe();
    }

    /** Deletes a topic and its records; returns false if there was none. Running readers keep what they hold. */
    public boolean delete(String name) {
        return topics.remove(name) != null;
    }

    public TopicProducer producer(String topic) {
        return new TopicProducer(this, log(topic));
    }

    /** Shortcut for {@code producer(topic).send(key, value)}. */
    public TopicRecord send(String topic, String key, String value) {
        return producer(topic).send(key, value);
    }

    /** Up to {@code max} records of one partition from {@code fromOffset}. */
    public List<TopicRecord> read(String topic, int partition, long fromOffset, int max) {
        return log(topic).partition(partition).read(fromOffset, max);
    }

    /** A consumer that reads every partition of the topic, from the earliest offsets. */
    public TopicConsumer consumer(String topic) {
        return new TopicConsumer(log(topic), true);
    }

    public long[] earliestOffsets(String topic) {
        TopicLog log = log(topic);
        long[] out = new long[log.partitionCount()];
        for (int p = 0; p < out.length; p++) {
            out[p] = log.partition(p).earliestOffset();
        }
        return out;
    }

    public long[] latestOffsets(String topic) {
        TopicLog log = log(topic);
        long[] out = new long[log.partitionCount()];
        for (int p = 0; p < out.length; p++) {
            out[p] = log.partition(p).latestOffset();
        }
        return out;
    }

    /** Applies time-based retention to every topic now (size limits are applied on every append). */
    public void enforceRetention() {
        long now = now();
        topics.values().forEach(t -> t.enforceRetention(now));
    }

    /** The internal log of a topic, for the engine's topic source and sink; notebooks use the methods above. */
    public TopicLog log(String name) {
        TopicLog log = topics.get(name);
        if (log == null) {
            throw new UnknownTopicException(name, list());
        }
        return log;
    }

    PartitionLog partition(String topic, int p) {
        return log(topic).partition(p);
    }
}
