package dev.eddy.magics.internal.kafka;

import dev.eddy.magics.api.LineMagic;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.MagicHelp;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.args.Args;
import dev.eddy.magics.internal.args.Sizes;
import dev.eddy.magics.internal.parse.NearestName;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.common.KafkaException;

/**
 * {@code %kafka}: connect to a broker, list its topics, tail a topic (the last or first N records, decoded as
 * text, like ksqlDB's PRINT). An unreachable broker is a clear message after a short timeout, never a hang.
 */
public final class KafkaMagic implements LineMagic, MagicHelp {
    static final List<String> SUBCOMMANDS = List.of("connect", "topics", "tail");
    static final String USAGE = "Usage: %kafka connect [HOST:PORT] | topics | tail TOPIC [N] [--from-beginning]";
    /** Where {@code %kafka connect} without an address looks (the classroom compose file sets it). */
    static final String BOOTSTRAP_ENV = "EDDY_KAFKA_BOOTSTRAP";

    private final long timeoutMillis;
    private final Function<String, String> env;
    private volatile String bootstrap;

    public KafkaMagic(long timeoutMillis) {
        this(timeoutMillis, null, System::getenv);
    }

    /** Already pointed at {@code bootstrap} (tests of argument checks that come before any broker call). */
    KafkaMagic(long timeoutMillis, String bootstrap) {
        this(timeoutMillis, bootstrap, System::getenv);
    }

    KafkaMagic(long timeoutMillis, String bootstrap, Function<String, String> env) {
        this.timeoutMillis = timeoutMillis;
        this.bootstrap = bootstrap;
        this.env = env;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String help() {
        return "a real Kafka broker: connect [HOST:PORT] (default $" + BOOTSTRAP_ENV
                + "), topics, tail TOPIC [N] [--from-beginning]";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public List<String> completeArgs(String argsBeforeCursor) {
        return Args.split(argsBeforeCursor).size() <= 1 ? SUBCOMMANDS : List.of("--from-beginning");
    }

    @Override
    public Object run(String args, MagicContext ctx) throws Exception {
        List<String> a = Args.split(args);
        String sub = Args.subcommand(a, "kafka", SUBCOMMANDS, USAGE);
        if (sub.equals("connect")) {
            String servers = a.size() >= 2 ? a.get(1) : env.apply(BOOTSTRAP_ENV);
            if (servers == null || servers.isBlank()) {
                throw new MagicException("%kafka connect needs HOST:PORT (e.g. %kafka connect localhost:9092), or the "
                        + "environment variable " + BOOTSTRAP_ENV + " set to it before Jupyter starts");
            }
            String cluster = call(servers, () -> KafkaBroker.clusterSummary(servers, timeoutMillis));
            bootstrap = servers;
            return MimeBundle.text("Connected to " + servers + ": " + cluster);
        }
        String servers = bootstrap;
        if (servers == null) {
            throw new MagicException("Not connected. First: %kafka connect HOST:PORT (or %kafka connect, which uses $"
                    + BOOTSTRAP_ENV + ")");
        }
        if (sub.equals("topics")) {
            return call(servers, () -> KafkaBroker.topics(servers, timeoutMillis));
        }
        if (a.size() < 2) {
            throw new MagicException("%kafka tail needs a topic.\n" + USAGE);
        }
        boolean fromBeginning = false;
        int n = 10;
        for (String arg : a.subList(2, a.size())) {
            if (arg.equals("--from-beginning")) {
                fromBeginning = true;
            } else if (arg.startsWith("-") && !arg.matches("-\\d+")) {
                String hint = NearestName.hint(arg, List.of("--from-beginning"));
                throw new MagicException("Unknown option '" + arg + "'." + hint + "\n" + USAGE);
            } else {
                n = count(arg);
            }
        }
        boolean first = fromBeginning;
        int count = n;
        return call(servers, () -> KafkaBroker.tail(servers, a.get(1), count, first, timeoutMillis));
    }

    private static int count(String arg) {
        return Sizes.parse("N (records to show)", arg, 1, Sizes.MAX_TAIL);
    }

    private <T> T call(String servers, KafkaCall<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw new MagicException("No answer from a Kafka broker at " + servers + " within " + timeoutMillis
                    + " ms. Is it running, and is the address the one it advertises?");
        } catch (ExecutionException e) {
            throw new MagicException("Kafka at " + servers + ": " + e.getCause().getMessage());
        } catch (KafkaException | IllegalArgumentException e) {
            throw new MagicException("Kafka at " + servers + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface KafkaCall<T> {
        T run() throws ExecutionException, TimeoutException, InterruptedException;
    }
}
