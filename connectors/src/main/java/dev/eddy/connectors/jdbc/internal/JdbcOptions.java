package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.spi.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of the JDBC sink and tables, with Spark's names where Spark has them: {@code url}, {@code dbtable}
 * (or {@code table}), {@code user}, {@code password}, {@code driver}, {@code batchsize}; {@code properties.<name>}
 * passes any other connection property to the driver. Eddy's own: {@code createTable}, {@code progressTable} (sink)
 * and {@code cache.ttl} (tables).
 *
 * @param url        the JDBC URL (may itself carry credentials; never shown unredacted)
 * @param table      the table, possibly schema-qualified ({@code public.orders})
 * @param connection what the driver gets: user, password and the {@code properties.*} options
 * @param driver     a driver class to use, or null to pick one that accepts the URL
 */
public record JdbcOptions(
        String url,
        String table,
        Properties connection,
        String driver,
        int batchSize,
        boolean createTable,
        String progressTable,
        Duration cacheTtl) {
    static final Set<String> SINK_OPTIONS = Set.of(
            "url",
            "dbtable",
            "table",
            "user",
            "password",
            "driver",
            "batchsize",
            "createtable",
            "progresstable",
            "properties.*");
    static final Set<String> TABLE_OPTIONS =
            Set.of("url", "dbtable", "table", "user", "password", "driver", "cache.ttl", "properties.*");
    private static final Pattern DURATION =
            Pattern.compile("(\\d+)\\s*(ms|s|sec|secs|seconds?|m|min|minutes?|h|hours?)?");

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    /**
     * Parses lower-cased option keys. A value may name environment variables, {@code ${env:NAME}}, so a notebook
     * need not hold a password: {@code 'password' = '${env:EDDY_POSTGRES_PASSWORD}'}.
     */
    public static JdbcOptions parse(Map<String, String> raw) {
        Map<String, String> options = new TreeMap<>();
        raw.forEach((k, v) -> options.put(k, v == null ? null : fromEnv(k, v)));
        String url = required(options, "url");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("option 'url' must be a JDBC URL (jdbc:postgresql://host:port/db),"
                    + " not '" + Secrets.redactUrl(url) + "'");
        }
        String table = options.containsKey("dbtable") ? options.get("dbtable") : options.get("table");
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException(
                    "the JDBC connector needs option 'dbtable' (or 'table'): the table to" + " write or read");
        }
        if (options.containsKey("dbtable") && options.containsKey("table")) {
            throw new IllegalArgumentException("give either option 'dbtable' or 'table', not both");
        }
        Properties p = new Properties();
        options.forEach((k, v) -> {
            if (k.startsWith("properties.")) {
                p.setProperty(k.substring("properties.".length()), v);
            }
        });
        if (options.containsKey("user")) {
            p.setProperty("user", options.get("user"));
        }
        if (options.containsKey("password")) {
            p.setProperty("password", options.get("password"));
        }
        int batchSize = (int) positive(options, "batchsize", 1000);
        String create = options.getOrDefault("createtable", "true").trim().toLowerCase(Locale.ROOT);
        if (!create.equals("true") && !create.equals("false")) {
            throw new IllegalArgumentException("option 'createTable' must be true or false, not '" + create + "'");
        }
        String progress =
                options.getOrDefault("progresstable", "eddy_sink_progress").trim();
        if (!progress.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException(
                    "option 'progressTable' must be a plain table name, not '" + progress + "'");
        }
        return new JdbcOptions(
                url,
                table.trim(),
                p,
                options.get("driver"),
                batchSize,
                create.equals("true"),
                progress,
                ttl(options.get("cache.ttl")));
    }

    private static String fromEnv(String key, String value) {
        Matcher m = ENV.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = System.getenv(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(
                        "option '" + key + "' names the environment variable " + m.group(1) + ", which is not set");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        return m.appendTail(sb).toString();
    }

    /** Every value that must never be shown: the password and any credential property. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        connection.stringPropertyNames().forEach(k -> {
            if (Secrets.isSecretKey(k) && !k.equalsIgnoreCase("user")) {
                out.add(connection.getProperty(k));
            }
        });
        Matcher m = Pattern.compile("(?i)password=([^&;]+)").matcher(url);
        while (m.find()) {
            out.add(m.group(1));
        }
        Matcher info = Pattern.compile("//[^/@:]*:([^/@]+)@").matcher(url);
        if (info.find()) {
            out.add(info.group(1));
        }
        return out;
    }

    /** The URL as it may be shown. */
    public String safeUrl() {
        return Secrets.redactUrl(url);
    }

    private static String required(Map<String, String> options, String key) {
        String v = options.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the JDBC connector needs option '" + key + "'");
        }
        return v.trim();
    }

    private static long positive(Map<String, String> options, String key, long dflt) {
        String v = options.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n > 0 && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("option '" + key + "' must be a positive whole number, not '" + v + "'");
    }

    /** {@code 0} (re-read every time, the default), {@code 30 s}, {@code 5 min}, {@code 500 ms}, {@code 1 h}. */
    static Duration ttl(String v) {
        if (v == null) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("option 'cache.ttl' must be a duration such as '0', '30 s', '5 min' or"
                    + " '1 h', not '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit.charAt(0)) {
            case 'm' -> unit.equals("ms") ? Duration.ofMillis(n) : Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
