import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build check (the parent pom runs it at validate): fails when Java code names a class by its fully-qualified name
 * inline where an import would do, e.g. {@code new java.util.ArrayList<>()}. Comments, string literals and text
 * blocks are not code and are skipped, as are names an import could not serve: a simple name the file already
 * imports, declares or gets from its own package for another class, or the second of two classes that share a
 * simple name in one file.
 *
 * <p>Usage: {@code java install/style/InlineNamesCheck.java [root]}; exits 1 with one line per name to import.
 * It reads files as text (no compiler), so it knows a package by its lower-case dotted form: {@code
 * java.util.Map.Entry} asks for {@code import java.util.Map;}.
 */
public final class InlineNamesCheck {

    private static final Pattern FQN = Pattern.compile(
            "(?<![\\w.])((?:java|javax|jdk|org|com|dev|io|net|tech|scala|sun|jakarta|picocli|zmq)(?:\\.[a-z_][a-z0-9_]*)+)"
                    + "\\.([A-Z][A-Za-z0-9_]*)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");
    private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", ".git", ".venv");

    private InlineNamesCheck() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<Path> files = javaFiles(root);
        Map<Path, String> sources = new HashMap<>();
        Map<String, Set<String>> classesByPackage = new HashMap<>();
        for (Path f : files) {
            String src = Files.readString(f, StandardCharsets.UTF_8);
            sources.put(f, src);
            String simple = f.getFileName().toString().replaceFirst("\\.java$", "");
            classesByPackage
                    .computeIfAbsent(packageOf(src), p -> new HashSet<>())
                    .add(simple);
        }
        List<String> findings = new ArrayList<>();
        for (Path f : files) {
            for (String finding : check(sources.get(f), classesByPackage)) {
                findings.add(root.relativize(f) + ":" + finding);
            }
        }
        if (findings.isEmpty()) {
            return;
        }
        findings.forEach(System.err::println);
        System.err.println(findings.size() + " inline fully-qualified name(s): import the class instead");
        System.exit(1);
    }

    /** The offending names in one source, as {@code line: name}. */
    static List<String> check(String src, Map<String, Set<String>> classesByPackage) {
        String code = codeOnly(src);
        String pkg = packageOf(code);
        Map<String, String> imported = new HashMap<>();
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
            String name = im.group(1);
            imported.put(name.substring(name.lastIndexOf('.') + 1), name);
        }
        Set<String> declared = new HashSet<>();
        Matcher dm = DECLARED.matcher(code);
        while (dm.find()) {
            declared.add(dm.group(1));
        }
        Set<String> samePackage = classesByPackage.getOrDefault(pkg, Set.of());
        Map<String, String> servedBySimpleName = new HashMap<>(imported);
        List<String> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : code.split("\n", -1)) {
            lineNo++;
            String t = line.strip();
            if (t.startsWith("import ") || t.startsWith("package ")) {
                continue;
            }
            Matcher m = FQN.matcher(line);
            while (m.find()) {
                String owner = m.group(1);
                String simple = m.group(2);
                String name = owner + "." + simple;
                boolean importable = owner.equals(pkg)
                        || (!declared.contains(simple)
                                && !(samePackage.contains(simple) && !owner.equals(pkg))
                                && name.equals(servedBySimpleName.getOrDefault(simple, name)));
                if (importable) {
                    servedBySimpleName.put(simple, name);
                    out.add(lineNo + ": " + name);
                }
            }
        }
        return out;
    }

    private static String packageOf(String src) {
        Matcher m = PACKAGE.matcher(src);
        return m.find() ? m.group(1) : "";
    }

    /** The source with comments, string and char literals and text blocks blanked out (line breaks kept). */
    static String codeOnly(String src) {
        StringBuilder b = new StringBuilder(src);
        int n = src.length();
        int i = 0;
        while (i < n) {
            int end;
            if (src.startsWith("//", i)) {
                end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (src.startsWith("/*", i)) {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                end = i + 3;
                while (end < n && !(src.startsWith("\"\"\"", end) && !escaped(src, end))) {
                    end++;
                }
                end = Math.min(n, end + 3);
            } else if (src.charAt(i) == '"' || src.charAt(i) == '\'') {
                char quote = src.charAt(i);
                end = i + 1;
                while (end < n && src.charAt(end) != quote && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                i++;
                continue;
            }
            for (int j = i; j < end; j++) {
                if (b.charAt(j) != '\n') {
                    b.setCharAt(j, ' ');
                }
            }
            i = end;
        }
        return b.toString();
    }

    private static boolean escaped(String s, int at) {
        int backslashes = 0;
        for (int k = at - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().split("/").length > 0)
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (SKIPPED_DIRS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(files::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }
}
