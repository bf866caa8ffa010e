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
      "import static dev.eddy.kernel.api.Notebook.*;");

  static final List<String> WARM_UP = List.of(
      "int eddyWarm0 = 1 + 1;",
      "String eddyWarm1 = List.of(1, 2, 3).stream().map(i -> i * 2).collect(Collectors.toList()).toString();",
      "class EddyWarm2 { int x; int twice() { return 2 * x; } }",
      "long eddyWarm3(long a) { return a + 1; }",
      "eddyWarm0 + 1");
}
