package dev.eddy.kernel.internal.boot;

import java.util.List;

/** What every JShell session starts with, and the throw-away snippets that warm javac and the JIT. */
final class Startup {
    private Startup() {}

    static final List<String> IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import tech.tablesaw.api.*;",
            "import static dev.eddy.kernel.api.Notebook.*;",
            "import dev.eddy.streaming.api.*;",
            "import dev.eddy.sql.api.Sql;",
            "import dev.eddy.magics.api.Chart;",
            // the one engine session and SQL front end that %%sql cells use too (like spark in PySpark).
            // Fully qualified types: JShell re-declares (and resets to null) a variable whose type name a later
            // import could change, e.g. after "import dev.eddy.sql.api.*;" in a cell.
            "dev.eddy.streaming.api.Eddy eddy = dev.eddy.magics.api.EddyRuntime.shared().eddy();",
            "dev.eddy.sql.api.Sql sql = dev.eddy.magics.api.EddyRuntime.shared().sql();");

    static final List<String> WARM_UP = List.of(
            "int eddyWarm0 = 1 + 1;",
            "String eddyWarm1 = List.of(1, 2, 3).stream().map(i -> i * 2).collect(Collectors.toList()).toString();",
            "class EddyWarm2 { int x; int twice() { return 2 * x; } }",
            "long eddyWarm3(long a) { return a + 1; }",
            "eddyWarm0 + 1");
}
