package io.synthkit.persona;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthkit.spi.SynthkitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads persona files in Persona Hub's JSONL format: one JSON object per line with a string field {@code persona};
 * other fields are ignored, blank lines are skipped, and a UTF-8 byte-order mark is tolerated.
 *
 * <p>Stateless and thread-safe.
 */
public final class PersonaFile {

  // Trailing tokens would otherwise be ignored, silently dropping a second object pasted onto the same line.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private PersonaFile() {}

  /**
   * Reads every persona of a file, in line order.
   *
   * @param jsonl the file
   * @return the personas; never empty
   * @throws SynthkitException (exit 2) when the file cannot be read, has no personas, or a line is not a JSON object
   *     with a non-blank string field {@code persona}; the message names the file and the 1-based line
   */
  public static List<String> read(Path jsonl) {
    List<String> personas = new ArrayList<>();
    int lineNumber = 0;
    try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (!line.isBlank()) {
          personas.add(parse(line, jsonl, lineNumber));
        }
      }
    } catch (NoSuchFileException e) {
      throw SynthkitException.input("persona file not found: " + jsonl, e);
    } catch (IOException e) {
      // Line numbers matter for malformed UTF-8, which surfaces here rather than in the JSON parser.
      throw SynthkitException.input(jsonl + ":" + (lineNumber + 1) + ": cannot read persona file: " + e, e);
    }
    if (personas.isEmpty()) {
      throw SynthkitException.input(jsonl + ": no personas; expected JSONL lines like {\"persona\": \"...\"}");
    }
    return personas;
  }

  private static String parse(String line, Path file, int lineNumber) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw SynthkitException.input(file + ":" + lineNumber + ": invalid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode persona = node.get("persona");
    if (!node.isObject() || persona == null || !persona.isTextual()) {
      throw SynthkitException.input(
          file + ":" + lineNumber + ": expected a JSON object with a string field \"persona\", got " + abbreviate(line));
    }
    if (persona.asText().isBlank()) {
      throw SynthkitException.input(file + ":" + lineNumber + ": \"persona\" is blank");
    }
    return persona.asText();
  }

  private static String abbreviate(String line) {
    String s = line.strip();
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
