package io.synthkit.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.SynthkitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a run's append-only JSONL logs leniently: a torn line (from a killed process) is skipped, not fatal. */
final class RunFiles {

  private RunFiles() {}

  static List<ObjectNode> objects(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        try {
          if (Json.parse(line) instanceof ObjectNode o) {
            out.add(o);
          }
        } catch (RuntimeException torn) {
          // only the last line of an interrupted session can be incomplete; the run repairs it on resume
        }
      }
    } catch (IOException e) {
      throw SynthkitException.input("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
