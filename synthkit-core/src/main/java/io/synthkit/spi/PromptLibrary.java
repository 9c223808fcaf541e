package io.synthkit.spi;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The prompts synthkit sends, as Mustache templates a user can read and override.
 *
 * <p>Each prompt is a text file named {@code <method>/<name>.txt}. Built-in files live on the classpath under
 * {@code io/synthkit/prompts/}; a config's {@code prompts_dir} (or {@link #withOverrides(Path)}) holds replacements with
 * the same relative names, so a user changes one prompt without forking synthkit ({@code synthkit prompts export DIR}
 * writes every built-in prompt there as a starting point). A file has an optional {@code [system]} section and a
 * {@code [user]} section, each on its own line; without markers the whole file is the user message. Templates use
 * {@code {{name}}} variables (never HTML-escaped) and {@code {{! comments }}}.
 *
 * <p>Thread-safe; compiled templates are cached.
 */
public final class PromptLibrary {

  private static final String ROOT = "io/synthkit/prompts/";
  // An empty string or an empty list is "false" in a section, so {{#description}}...{{/description}} disappears when
  // the user gave no description (jmustache treats "" as true by default).
  private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).strictSections(false)
      .defaultValue(null).emptyStringIsFalse(true);

  private final @Nullable Path overrides;
  private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

  private record Parsed(@Nullable Template system, Template user, String source) {}

  private PromptLibrary(@Nullable Path overrides) {
    this.overrides = overrides;
  }

  /**
   * The built-in prompts.
   *
   * @return the library
   */
  public static PromptLibrary defaults() {
    return new PromptLibrary(null);
  }

  /**
   * The built-in prompts, with files in {@code dir} taking precedence.
   *
   * @param dir a directory of {@code <method>/<name>.txt} files, or {@code null}
   * @return the library
   */
  public static PromptLibrary withOverrides(@Nullable Path dir) {
    if (dir != null && !Files.isDirectory(dir)) {
      throw SynthkitException.input("prompts_dir is not a directory: " + dir);
    }
    return new PromptLibrary(dir);
  }

  /**
   * Renders a prompt.
   *
   * @param name the prompt name, e.g. {@code self-instruct/generate}
   * @param vars template variables (strings, numbers, lists, maps)
   * @return the conversation
   * @throws SynthkitException when the prompt does not exist or a variable is missing
   */
  public Prompt render(String name, Map<String, ?> vars) {
    Parsed p = parsed(name);
    try {
      String user = p.user().execute(vars).strip();
      String system = p.system() == null ? null : p.system().execute(vars).strip();
      return Prompt.of(system, user);
    } catch (MustacheException e) {
      throw SynthkitException.input("prompt " + name + " (" + p.source() + "): " + e.getMessage(), e);
    }
  }

  /**
   * Renders a single-section prompt to plain text (used for instructions appended to other prompts).
   *
   * @param name the prompt name
   * @param vars template variables
   * @return the text
   */
  public String text(String name, Map<String, ?> vars) {
    return render(name, vars).lastUserText();
  }

  /**
   * Returns the raw text of a prompt file (override first).
   *
   * @param name the prompt name
   * @return the template source
   */
  public String source(String name) {
    return load(name).orElseThrow(() -> unknown(name));
  }

  /**
   * Lists the built-in prompt names.
   *
   * @return names such as {@code self-instruct/generate}, sorted
   */
  public static List<String> builtInNames() {
    URL url = PromptLibrary.class.getClassLoader().getResource(ROOT + "llm/repair.txt");
    if (url == null) {
      return List.of();
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return list(fs.getPath(ROOT));
      }
      // A file on disk: the probe is <prompts root>/llm/repair.txt, so the root is its grandparent.
      Path prompts = Objects.requireNonNull(Path.of(uri).getParent(), "prompt resource has no parent");
      return list(Objects.requireNonNull(prompts.getParent(), "prompt resource has no grandparent"));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list built-in prompts", e);
    }
  }

  /**
   * What {@link #exportBuiltIns(Path)} did.
   *
   * @param written the files written
   * @param skipped the files that existed and were left alone
   */
  public record Exported(List<Path> written, List<Path> skipped) {

    /** Copies the lists. */
    public Exported {
      written = List.copyOf(written);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Writes every built-in prompt into a directory as {@code <method>/<name>.txt}, as a starting point for a config's
   * {@code prompts_dir} ({@code synthkit prompts export DIR}). Files that exist are kept: an edited copy is never
   * overwritten.
   *
   * @param dir the directory
   * @return the files written and skipped, in name order
   * @throws SynthkitException (exit 2) when a file cannot be written
   */
  public static Exported exportBuiltIns(Path dir) {
    PromptLibrary builtIn = defaults();
    List<Path> written = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    for (String name : builtInNames()) {
      Path file = dir.resolve(name + ".txt");
      if (Files.exists(file)) {
        skipped.add(file);
        continue;
      }
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, builtIn.source(name), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw SynthkitException.input("cannot write " + file + ": " + e.getMessage(), e);
      }
      written.add(file);
    }
    return new Exported(written, skipped);
  }

  private static List<String> list(Path root) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(f -> f.toString().endsWith(".txt")).forEach(f -> {
        String rel = root.relativize(f).toString().replace('\\', '/');
        names.add(rel.substring(0, rel.length() - 4));
      });
    }
    return new ArrayList<>(names);
  }

  private Parsed parsed(String name) {
    return cache.computeIfAbsent(name, n -> {
      String text = load(n).orElseThrow(() -> unknown(n));
      String source = overrides != null && Files.exists(overrides.resolve(n + ".txt"))
          ? overrides.resolve(n + ".txt").toString() : "built-in";
      try {
        return parse(text, source);
      } catch (MustacheException e) {
        throw SynthkitException.input("prompt " + n + " (" + source + ") does not compile: " + e.getMessage(), e);
      }
    });
  }

  private static Parsed parse(String text, String source) {
    String system = null;
    String user = text;
    int s = marker(text, "[system]");
    int u = marker(text, "[user]");
    if (u >= 0) {
      user = text.substring(u + "[user]".length());
      if (s >= 0 && s < u) {
        system = text.substring(s + "[system]".length(), u);
      }
    }
    return new Parsed(system == null ? null : COMPILER.compile(system), COMPILER.compile(user), source);
  }

  private static int marker(String text, String marker) {
    int i = text.indexOf(marker);
    while (i >= 0) {
      boolean lineStart = i == 0 || text.charAt(i - 1) == '\n';
      int end = i + marker.length();
      boolean lineEnd = end == text.length() || text.charAt(end) == '\n' || text.charAt(end) == '\r';
      if (lineStart && lineEnd) {
        return i;
      }
      i = text.indexOf(marker, i + 1);
    }
    return -1;
  }

  private Optional<String> load(String name) {
    if (!name.matches("[a-z0-9_-]+(/[a-z0-9_-]+)*")) {
      throw SynthkitException.input("bad prompt name (use lowercase words and '/'): " + name);
    }
    try {
      if (overrides != null) {
        Path file = overrides.resolve(name + ".txt");
        if (Files.isRegularFile(file)) {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      try (InputStream in = PromptLibrary.class.getClassLoader().getResourceAsStream(ROOT + name + ".txt")) {
        return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SynthkitException unknown(String name) {
    return SynthkitException.input("no prompt named " + name + " (see `synthkit prompts list`)");
  }
}
