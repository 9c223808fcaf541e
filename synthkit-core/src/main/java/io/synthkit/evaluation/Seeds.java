package io.synthkit.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.DataRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Seed files as datasets, and finding a run's seed file. Seeds get the ids methods give them, {@code seed-N} (0-based,
 * file order), so {@code meta.parents} and {@code meta.seed_id} resolve; a seed's own string {@code id} field is
 * ignored for that reason.
 */
public final class Seeds {

  /** Where a run's seed path was remembered by the report written at the end of the run. */
  public static final String REMEMBERED = "report.json";

  private Seeds() {}

  /**
   * Reads a seed file (JSONL, JSON array, or text with one item per line under {@code instruction}, as Self-Instruct
   * reads it).
   *
   * @param file the file
   * @return the seeds as a dataset with ids {@code seed-0, seed-1, ...}
   */
  public static Dataset load(Path file) {
    List<ObjectNode> items = SeedFile.read(file, "instruction");
    List<DataRecord> records = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      records.add(new DataRecord("seed-" + i, items.get(i), Json.object()));
    }
    return Dataset.of(file.getFileName().toString(), records);
  }

  /**
   * Finds the seed file of a run: the absolute path remembered in the run's {@code report.json}; else the manifest's
   * {@code data.seeds} when absolute or when it exists relative to the working directory; else relative to the run
   * directory's ancestors (up to three levels) or their immediate subdirectories, which is where a config file that
   * names its seeds relatively usually sits.
   *
   * @param runDir the run directory
   * @return the seed file, if found
   */
  public static Optional<Path> locate(Path runDir) {
    Optional<Path> remembered = remembered(runDir);
    if (remembered.isPresent()) {
      return remembered;
    }
    if (!Files.isRegularFile(runDir.resolve("manifest.json"))) {
      return Optional.empty();
    }
    Manifest manifest = Manifest.read(runDir);
    JsonNode seeds = manifest.config() == null ? null : manifest.config().path("data").path("seeds");
    if (seeds == null || !seeds.isTextual() || seeds.asText().isBlank()) {
      return Optional.empty();
    }
    Path p = Path.of(seeds.asText());
    if (p.isAbsolute() || Files.isRegularFile(p)) {
      return Files.isRegularFile(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
    Path dir = runDir.toAbsolutePath().normalize();
    for (int level = 0; level < 3 && dir.getParent() != null; level++) {
      dir = dir.getParent();
      Optional<Path> found = under(dir, p);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> remembered(Path runDir) {
    Path file = runDir.resolve(REMEMBERED);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode seeds = Json.parse(Files.readString(file)).path("seeds_file");
      Path p = seeds.isTextual() ? Path.of(seeds.asText()) : null;
      return p != null && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> under(Path dir, Path relative) {
    if (Files.isRegularFile(dir.resolve(relative))) {
      return Optional.of(dir.resolve(relative).normalize());
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().limit(200).map(c -> c.resolve(relative))
          .filter(Files::isRegularFile).map(Path::normalize).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
