package dev.eddy.kernel.internal.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.util.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * History kept across kernel restarts in one JSON-lines file: a {@code {"session":n}} line when a kernel starts,
 * then {@code {"s","l","i"}} when a cell starts and {@code {"s","l","o"}} when its output is known. Appending
 * (one short write a cell) keeps a busy kernel cheap; the file is compacted to the newest {@code maxEntries}
 * when a kernel opens it. Lines that do not parse (a torn write, a hand edit) are skipped, never fatal; if the
 * file cannot be read or written at all, history simply stays in memory. Opening takes a file lock so two
 * kernels starting together get different session numbers.
 */
public final class HistoryFile implements History.Store {
    private static final Log LOG = Log.of(HistoryFile.class);
    /** Outputs longer than this are cut in the file (a huge table's text must not bloat every later start). */
    static final int MAX_OUTPUT_CHARS = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final int session;
    private final List<History.Entry> previous;
    private boolean broken;

    private HistoryFile(Path file, int session, List<History.Entry> previous) {
        this.file = file;
        this.session = session;
        this.previous = previous;
    }

    /** Where history lives: {@code EDDY_HISTORY_FILE}, else {@code <Jupyter data dir>/eddy/history.jsonl}. */
    public static Path defaultPath(Map<String, String> env) {
        String explicit = env.get("EDDY_HISTORY_FILE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String data = env.get("JUPYTER_DATA_DIR");
        if (data == null || data.isBlank()) {
            String xdg = env.get("XDG_DATA_HOME");
            Path base = xdg != null && !xdg.isBlank()
                    ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".local", "share");
            return base.resolve("jupyter").resolve("eddy").resolve("history.jsonl");
        }
        return Path.of(data).resolve("eddy").resolve("history.jsonl");
    }

    /** Reads the file, starts a new session in it, and keeps at most {@code maxEntries} older entries. */
    public static History.Store open(Path file, int maxEntries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // A separate lock file: the history file itself is replaced when compacted.
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel lockCh = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockCh.lock()) {
                Parsed p = parse(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
                List<History.Entry> kept = p.entries.size() > maxEntries
                        ? new ArrayList<>(p.entries.subList(p.entries.size() - maxEntries, p.entries.size()))
                        : p.entries;
                int session = p.lastSession + 1;
                ObjectNode marker = JSON.createObjectNode().put("session", session);
                if (p.lines > 2L * maxEntries + 10 || p.skipped > 0) {
                    rewrite(file, kept, marker);
                } else {
                    try (FileChannel ch = FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                        writeLine(ch, marker);
                    }
                }
                return new HistoryFile(file, session, List.copyOf(kept));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("history file " + file + " unusable (" + e + "); history stays in memory for this session");
            return History.Store.inMemory();
        }
    }

    @Override
    public int session() {
        return session;
    }

    @Override
    public List<History.Entry> previous() {
        return previous;
    }

    @Override
    public void input(int line, String input) {
        append(JSON.createObjectNode().put("s", session).put("l", line).put("i", input));
    }

    @Override
    public void output(int line, String output) {
        String o = output.length() > MAX_OUTPUT_CHARS ? output.substring(0, MAX_OUTPUT_CHARS) + "..." : output;
        append(JSON.createObjectNode().put("s", session).put("l", line).put("o", o));
    }

    private synchronized void append(ObjectNode row) {
        if (broken) {
            return;
        }
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            writeLine(ch, row);
        } catch (IOException e) {
            broken = true; // warn once; the session's history stays in memory
            LOG.warn("cannot write history file " + file + " (" + e + "); history stays in memory");
        }
    }

    private static void writeLine(FileChannel ch, JsonNode row) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The rows of a file, tolerant of anything malformed; inputs keyed by (session, line), outputs merged in. */
    static Parsed parse(byte[] content) {
        Map<Long, History.Entry> byKey = new LinkedHashMap<>();
        int lastSession = 0;
        int lines = 0;
        int skipped = 0;
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            try {
                JsonNode n = JSON.readTree(line);
                if (n != null && n.path("session").isInt()) {
                    lastSession = Math.max(lastSession, n.get("session").asInt());
                } else if (n != null && n.path("s").isInt() && n.path("l").isInt()) {
                    int s = n.get("s").asInt();
                    lastSession = Math.max(lastSession, s);
                    long key = ((long) s << 32) | (n.get("l").asInt() & 0xffffffffL);
                    if (n.path("i").isTextual()) {
                        byKey.put(
                                key,
                                new History.Entry(
                                        s, n.get("l").asInt(), n.get("i").asText(), null));
                    } else if (n.path("o").isTextual() && byKey.containsKey(key)) {
                        byKey.put(key, byKey.get(key).withOutput(n.get("o").asText()));
                    } else {
                        skipped++;
                    }
                } else {
                    skipped++;
                }
            } catch (IOException e) {
                skipped++;
            }
        }
        return new Parsed(new ArrayList<>(byKey.values()), lastSession, lines, skipped);
    }

    /** Replaces the file by {@code entries} only (atomically, so a crash leaves the old or the new file). */
    private static void rewrite(Path file, List<History.Entry> entries, JsonNode marker) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder b = new StringBuilder();
        for (History.Entry e : entries) {
            b.append(JSON.writeValueAsString(JSON.createObjectNode()
                            .put("s", e.session())
                            .put("l", e.line())
                            .put("i", e.input())))
                    .append('\n');
            if (e.output() != null) {
                b.append(JSON.writeValueAsString(JSON.createObjectNode()
                                .put("s", e.session())
                                .put("l", e.line())
                                .put("o", e.output())))
                        .append('\n');
            }
        }
        b.append(JSON.writeValueAsString(marker)).append('\n');
        Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    record Parsed(List<History.Entry> entries, int lastSession, int lines, int skipped) {}
}
