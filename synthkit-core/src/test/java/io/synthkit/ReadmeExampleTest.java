package io.synthkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example is a complete program: it compiles against the published API and runs. */
class ReadmeExampleTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern EXAMPLE = Pattern.compile("## Java API.*?```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  Path dir;

  @Test
  void readmeJavaExample_compilesAndRuns() throws Exception {
    Matcher m = EXAMPLE.matcher(Files.readString(ROOT.resolve("README.md")));
    assertThat(m.find()).as("README has a Java example under ## Java API").isTrue();
    String source = m.group(1);
    Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(cls.find()).as("a public class").isTrue();
    assertThat(source.lines().filter(l -> l.startsWith("import io.synthkit"))).allSatisfy(l ->
        assertThat(l).matches("import io\\.synthkit\\.(spi\\.|sim\\.)?[A-Z]\\w*;"));

    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path file = src.resolve(cls.group(1) + ".java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        file.toString())).as("javac exit code").isZero();

    Files.copy(ROOT.resolve("examples/seeds/instructions.jsonl"), dir.resolve("seeds.jsonl"));
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        getClass().getClassLoader())) {
      Method main = loader.loadClass(cls.group(1)).getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[] {dir.toString()});
    } finally {
      System.setOut(out);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("COMPLETED, exit 0: 20 records")
        .contains("wrote 20 rows and the card");
    assertThat(Files.readAllLines(dir.resolve("train.jsonl"))).hasSize(20);
    assertThat(dir.resolve("train.README.md")).exists();
  }
}
