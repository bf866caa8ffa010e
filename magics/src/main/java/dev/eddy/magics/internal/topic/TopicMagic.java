package dev.eddy.magics.internal.topic;

import dev.eddy.magics.api.LineMagic;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.MagicHelp;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.args.Args;
import dev.eddy.magics.internal.args.Sizes;
import dev.eddy.magics.internal.parse.NearestName;
import dev.eddy.streaming.api.topic.TopicDescription;
import dev.eddy.streaming.api.topic.TopicRecord;
import dev.eddy.streaming.api.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code %topic}: the embedded topic log that {@code 'connector' = 'topic'} streams read (no broker needed).
 * {@code tail} prints the last (or with {@code --from-beginning} the first) N records, decoded as text, like
 * ksqlDB's PRINT.
 */
public final class TopicMagic implements LineMagic, MagicHelp {
    static final List<String> SUBCOMMANDS = List.of("create", "list", "describe", "produce", "tail");
    static final String USAGE = "Usage: %topic create NAME [PARTITIONS] | list | describe NAME"
            + " | produce NAME [KEY:]VALUE ... | tail NAME [N] [--from-beginning]";

    @Override
    public String name() {
        return "topic";
    }

    @Override
    public String help() {
        return "the embedded topic log: create, list, describe, produce, tail";
    }

    @Override
    public Object run(String args, MagicContext ctx) {
        List<String> a = Args.split(args);
        Topics topics = Topics.shared();
        String sub = Args.subcommand(a, "topic", SUBCOMMANDS, USAGE);
        if (sub.equals("list")) {
            return list(topics);
        }
        if (a.size() < 2) {
            throw new MagicException("%topic " + sub + " needs a topic name.\n" + USAGE);
        }
        String name = a.get(1);
        if (!sub.equals("create") && !topics.exists(name)) {
            String hint = NearestName.hint(name, topics.list());
            throw new MagicException("No topic '" + name + "'." + hint + " Create it with %topic create " + name);
        }
        try {
            return switch (sub) {
                case "create" -> create(topics, name, a.subList(2, a.size()));
                case "describe" -> describe(topics.describe(name));
                case "produce" -> produce(topics, name, a.subList(2, a.size()));
                default -> tail(topics, name, a.subList(2, a.size()));
            };
        } catch (NumberFormatException e) {
            throw new MagicException("Not a number: " + e.getMessage() + "\n" + USAGE);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MagicException(e.getMessage());
        }
    }

    /**
     * Creates the topic; if it exists with the same partition count that is a note (a notebook can run twice), with
     * another count an error that names both.
     */
    static MimeBundle create(Topics topics, String name, List<String> rest) {
        if (rest.size() > 1) {
            throw new MagicException("%topic create takes a name and a partition count, not '" + String.join(" ", rest)
                    + "'.\n" + USAGE);
        }
        int partitions = rest.isEmpty() ? 1 : Sizes.parse("PARTITIONS", rest.get(0), 1, Sizes.MAX_PARTITIONS);
        if (topics.exists(name)) {
            int has = topics.describe(name).partitions().size();
            if (has != partitions) {
                throw new MagicException("Topic '" + name + "' already exists with " + plural(has) + ", not "
                        + partitions + ": the partition count of an existing topic cannot change; use another name");
            }
            return MimeBundle.text("Topic '" + name + "' already exists with " + plural(has) + ": nothing to do");
        }
        try {
            TopicDescription d = topics.create(name, partitions);
            return MimeBundle.text("Created topic '" + d.name() + "' with "
                    + plural(d.partitions().size()));
        } catch (IllegalArgumentException raced) {
            if (topics.exists(name)) { // created by another cell in the meantime: answer as above
                return create(topics, name, rest);
            }
            throw raced;
        }
    }

    private static String plural(int partitions) {
        return partitions + (partitions == 1 ? " partition" : " partitions");
    }

    private static Table list(Topics topics) {
        StringColumn name = StringColumn.create("topic");
        IntColumn parts = IntColumn.create("partitions");
        LongColumn records = LongColumn.create("records");
        for (String n : topics.list()) {
            TopicDescription d = topics.describe(n);
            name.append(n);
            parts.append(d.partitions().size());
            records.append(d.records());
        }
        return Table.create("topics", name, parts, records);
    }

    private static Table describe(TopicDescription d) {
        IntColumn p = IntColumn.create("partition");
        LongColumn earliest = LongColumn.create("earliest_offset");
        LongColumn latest = LongColumn.create("latest_offset");
        LongColumn bytes = LongColumn.create("bytes");
        for (TopicDescription.PartitionInfo i : d.partitions()) {
            p.append(i.partition());
            earliest.append(i.earliestOffset());
            latest.append(i.latestOffset());
            bytes.append(i.bytes());
        }
        return Table.create(d.name(), p, earliest, latest, bytes);
    }

    private static Object produce(Topics topics, String name, List<String> values) {
        if (values.isEmpty()) {
            throw new MagicException("%topic produce " + name + " needs at least one value (quote values with blanks)");
        }
        for (String v : values) {
            int colon = v.startsWith("{") ? -1 : v.indexOf(':');
            topics.send(name, colon < 0 ? null : v.substring(0, colon), colon < 0 ? v : v.substring(colon + 1));
        }
        return MimeBundle.text("Produced " + values.size() + " record(s) to '" + name + "'");
    }

    private static Table tail(Topics topics, String name, List<String> rest) {
        boolean fromBeginning = false;
        int n = 10;
        for (String arg : rest) {
            if (arg.equals("--from-beginning")) {
                fromBeginning = true;
            } else if (arg.startsWith("--")) {
                String hint = NearestName.hint(arg, List.of("--from-beginning"));
                throw new MagicException("Unknown option '" + arg + "'." + hint + "\n" + USAGE);
            } else {
                n = Sizes.parse("N (records to show)", arg, 1, Sizes.MAX_TAIL);
            }
        }
        long[] earliest = topics.earliestOffsets(name);
        long[] latest = topics.latestOffsets(name);
        List<TopicRecord> all = new ArrayList<>();
        for (int p = 0; p < latest.length; p++) {
            long from = fromBeginning ? earliest[p] : Math.max(earliest[p], latest[p] - n);
            all.addAll(topics.read(name, p, from, n));
        }
        all.sort(Comparator.comparingLong(TopicRecord::timestamp).thenComparingLong(TopicRecord::offset));
        List<TopicRecord> shown = fromBeginning
                ? all.subList(0, Math.min(n, all.size()))
                : all.subList(Math.max(0, all.size() - n), all.size());
        IntColumn part = IntColumn.create("partition");
        LongColumn off = LongColumn.create("offset");
        StringColumn ts = StringColumn.create("timestamp");
        StringColumn key = StringColumn.create("key");
        StringColumn value = StringColumn.create("value");
        for (TopicRecord r : shown) {
            part.append(r.partition());
            off.append(r.offset());
            ts.append(Instant.ofEpochMilli(r.timestamp()).toString());
            key.append(r.key() == null ? null : r.keyAsString());
            value.append(r.valueAsString());
        }
        return Table.create(name, part, off, ts, key, value);
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public List<String> completeArgs(String argsBeforeCursor) {
        int index = Args.wordIndex(argsBeforeCursor);
        return index == 0 ? SUBCOMMANDS : index == 1 ? Topics.shared().list() : List.of("--from-beginning");
    }
}
