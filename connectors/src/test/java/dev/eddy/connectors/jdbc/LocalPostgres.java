package dev.eddy.connectors.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real PostgreSQL (Debian's {@code postgresql} package) per test JVM, shared by every JDBC test: a throw-away
 * cluster in {@code target/postgres} made with {@code initdb}, started with {@code pg_ctl} on a free loopback port
 * and stopped when the JVM exits. {@code pg_ctl} runs the server as a daemon and waits for it itself, so this class
 * only runs short commands to completion (as the {@code postgres} user when the tests run as root: PostgreSQL
 * refuses to run as root). A cluster left running by a killed earlier run is stopped and wiped first.
 *
 * <p>The superuser {@code eddy} has a random password per run (password authentication over TCP), so tests can
 * check that it never shows up where it must not.
 */
public final class LocalPostgres {
    private static final long COMMAND_DEADLINE_S = 120;
    private static LocalPostgres shared;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final String password = "pw-" + UUID.randomUUID();

    private LocalPostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized LocalPostgres shared() {
        if (shared == null) {
            LocalPostgres pg = new LocalPostgres(Path.of("target", "postgres").toAbsolutePath(), binDir(), freePort());
            pg.start();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
            shared = pg;
        }
        return shared;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "eddy";
    }

    public String password() {
        return password;
    }

    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user());
        p.setProperty("password", password);
        return p;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), properties());
    }

    /** Runs statements in autocommit mode (test setup). */
    public void execute(String... sql) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("setup statement failed: " + e.getMessage(), e);
        }
    }

    private void start() {
        Path data = dir.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run(false, pgCtl("stop", "-D", data.toString(), "-m", "immediate", "-w"));
        }
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            if (isRoot()) {
                run(true, List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        run(
                true,
                asPostgres(List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        user(),
                        "--pwfile=" + dir.resolve("pwfile"),
                        "--auth-host=scram-sha-256",
                        "--auth-local=trust",
                        "-E",
                        "UTF8",
                        "--locale=C.UTF-8",
                        "--no-sync")));
        // durability is not what these tests check: no fsync keeps the shared machine's disk quiet
        String options = "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off -c synchronous_commit=off"
                + " -c full_page_writes=off -c max_connections=50 -c shared_buffers=32MB";
        run(
                true,
                pgCtl(
                        "start",
                        "-D",
                        data.toString(),
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        "60"));
    }

    /** Stops the server (fast shutdown: open sessions are ended). */
    public void stop() {
        run(false, pgCtl("stop", "-D", dir.resolve("data").toString(), "-m", "fast", "-w"));
    }

    private List<String> pgCtl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString()));
        cmd.addAll(List.of(args));
        return asPostgres(cmd);
    }

    private static List<String> asPostgres(List<String> cmd) {
        if (!isRoot()) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(cmd);
        return out;
    }

    private void run(boolean mustSucceed, List<String> cmd) {
        Path log = dir.resolve("commands.log");
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            boolean ended = p.waitFor(COMMAND_DEADLINE_S, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            if (mustSucceed && (!ended || p.exitValue() != 0)) {
                throw new IllegalStateException(String.join(" ", cmd.subList(0, Math.min(cmd.size(), 6)))
                        + "... failed; see " + log + " and " + dir.resolve("server.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed server version's bin directory (Debian: /usr/lib/postgresql/15/bin). */
    private static Path binDir() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(
                            p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server in " + base
                            + "; install Debian's postgresql package (install/test-all.sh does)"));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "no PostgreSQL server in " + base
                            + "; install Debian's postgresql package (install/test-all.sh does)",
                    e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
