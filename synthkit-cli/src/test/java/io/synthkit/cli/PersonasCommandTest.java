package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.json.Json;
import io.synthkit.persona.PersonaFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PersonasCommandTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @Test
  void generate_writesAPersonaFileFromSeedsOnTheSimulator() throws Exception {
    Path seeds = dir.resolve("seeds.jsonl");
    Files.writeString(seeds, "{\"question\": \"How do I start an emergency fund?\"}\n"
        + "{\"question\": \"Is a Roth IRA better than a traditional one for me?\"}\n");
    Path cfg = dir.resolve("run.yaml");
    Files.writeString(cfg, "method: aide\ntarget: 1\nmodels: {default: {provider: simulated}}\n");
    Path personas = dir.resolve("personas.jsonl");

    int code = Main.execute("personas", "generate", "--from", seeds.toString(), "--field", "question", "--out",
        personas.toString(), "--config", cfg.toString(), "--per-text", "2");

    assertThat(code).as(console.err()).isZero();
    List<String> pool = PersonaFile.read(personas);
    assertThat(pool).isNotEmpty().hasSizeLessThanOrEqualTo(4);
    assertThat(Files.readAllLines(personas)).allSatisfy(l -> assertThat(Json.parse(l).has("source")).isTrue())
        .allSatisfy(l -> assertThat(Json.parse(l).path("simulated").asBoolean()).as(l).isTrue());
    assertThat(console.out()).contains("personas to " + personas, "from 2 texts", "SIMULATED");

    // An existing output is kept unless --overwrite is given.
    assertThat(Main.execute("personas", "generate", "--from", seeds.toString(), "--field", "question", "--out",
        personas.toString(), "--config", cfg.toString())).isEqualTo(2);
    assertThat(console.err()).contains("exists; pass --overwrite");
  }

  @Test
  void generate_namesAMissingField() throws Exception {
    Path seeds = dir.resolve("seeds.jsonl");
    Files.writeString(seeds, "{\"question\": \"Q?\"}\n");
    assertThat(Main.execute("personas", "generate", "--from", seeds.toString(), "--out",
        dir.resolve("p.jsonl").toString())).isEqualTo(2);
    assertThat(console.err()).contains("item 1 has no non-blank string field 'text'");
  }
}
