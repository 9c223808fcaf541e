package io.synthkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the published API small and documented: the public top-level types of every package some module exports to
 * everyone (read from each {@code module-info.java}) number at most {@value #LIMIT}, {@code docs/api.md} lists
 * exactly those types under their packages with the right total, and its example compiles against those packages
 * and runs.
 */
class PublishedApiTest {

  /** The most public top-level types the published packages may hold together. */
  static final int LIMIT = 59; // "under 60"

  private static final Pattern EXPORT = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern PUBLIC_TYPE = Pattern.compile("^public\\s+(?:(?:final|abstract|sealed|non-sealed"
      + "|static|strictfp)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)", Pattern.MULTILINE);
  private static final Pattern SECTION = Pattern.compile("^## `([\\w.]+)`\\s*$");
  private static final Pattern ITEM = Pattern.compile("^- `(\\w+)`: \\S");
  private static final Pattern TOTAL = Pattern.compile("Total: \\*\\*(\\d+)\\*\\*");
  private static final Pattern EXAMPLE = Pattern.compile("## Example.*?```java\\n(.*?)```", Pattern.DOTALL);

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir
  Path dir;

  /** Package to its public top-level types, for every package exported without {@code to}. */
  static Map<String, Set<String>> published() throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("src/main/java/module-info.java")))
          .toList()) {
        Path sources = module.resolve("src/main/java");
        Matcher m = EXPORT.matcher(Files.readString(sources.resolve("module-info.java")));
        while (m.find()) {
          String pkg = m.group(1);
          out.put(pkg, publicTypes(sources.resolve(pkg.replace('.', '/'))));
        }
      }
    }
    return out;
  }

  private static Set<String> publicTypes(Path packageDir) throws IOException {
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.list(packageDir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = PUBLIC_TYPE.matcher(Files.readString(f));
        if (m.find()) {
          types.add(m.group(1));
        }
      }
    }
    return types;
  }

  private static String apiDoc() throws IOException {
    return Files.readString(ROOT.resolve("docs/api.md"));
  }

  @Test
  void thePublishedPackagesHoldAtMostTheLimit() throws IOException {
    Map<String, Set<String>> published = published();
    assertThat(published).containsKeys("io.synthkit", "io.synthkit.spi", "io.synthkit.sim",
        "io.synthkit.retrieval.lucene");
    assertThat(published.get("io.synthkit")).contains("Synthkit", "RunSpec", "Evaluation");
    int total = published.values().stream().mapToInt(Set::size).sum();
    assertThat(total).as("public top-level types in %s", published.keySet()).isLessThanOrEqualTo(LIMIT);
  }

  @Test
  void apiDocListsExactlyThePublishedTypes() throws IOException {
    Map<String, Set<String>> listed = new TreeMap<>();
    String section = null;
    for (String line : apiDoc().lines().toList()) {
      Matcher s = SECTION.matcher(line);
      if (s.matches()) {
        section = s.group(1);
        listed.put(section, new TreeSet<>());
      } else if (line.startsWith("## ")) {
        section = null;
      } else if (section != null) {
        Matcher item = ITEM.matcher(line);
        if (item.find()) {
          assertThat(listed.get(section).add(item.group(1))).as("%s listed twice", item.group(1)).isTrue();
        }
      }
    }
    Map<String, Set<String>> published = published();
    assertThat(listed).isEqualTo(published);
    Matcher total = TOTAL.matcher(apiDoc());
    assertThat(total.find()).as("docs/api.md states the total").isTrue();
    assertThat(Integer.parseInt(total.group(1))).isEqualTo(published.values().stream().mapToInt(Set::size).sum());
  }

  @Test
  void apiDocExample_usesOnlyPublishedPackagesCompilesAndRuns() throws Exception {
    Matcher m = EXAMPLE.matcher(apiDoc());
    assertThat(m.find()).as("docs/api.md has an example").isTrue();
    String source = m.group(1);
    Set<String> packages = published().keySet();
    List<String> imports = source.lines().filter(l -> l.startsWith("import ")).toList();
    assertThat(imports).isNotEmpty().allSatisfy(l -> {
      String type = l.substring("import ".length(), l.length() - 1);
      String pkg = type.substring(0, type.lastIndexOf('.'));
      assertThat(pkg.startsWith("java.") || packages.contains(pkg)).as(l).isTrue();
    });

    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(src.resolve("Example.java"), source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int code = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        src.resolve("Example.java").toString());
    assertThat(code).as("javac exit code").isZero();

    // The quick start as shipped, on the simulator, writing under the temporary directory.
    Path examples = Files.createDirectories(dir.resolve("examples/seeds"));
    Files.copy(ROOT.resolve("examples/seeds/instructions.jsonl"), examples.resolve("instructions.jsonl"));
    Path config = dir.resolve("examples/quickstart.yaml");
    Files.writeString(config, Files.readString(ROOT.resolve("examples/quickstart.yaml"))
        + "\nmodels:\n  default: {provider: simulated}\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        getClass().getClassLoader())) {
      Method main = loader.loadClass("Example").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[] {config.toString()});
    }
    Path runs = dir.resolve("runs");
    assertThat(Files.readAllLines(runs.resolve("quickstart/dataset.jsonl"))).hasSize(10);
    assertThat(Files.readAllLines(runs.resolve("quickstart-train.jsonl"))).hasSize(10)
        .allSatisfy(l -> assertThat(l).startsWith("{\"messages\":"));
    assertThat(runs.resolve("quickstart-train.README.md")).exists();
  }
}
