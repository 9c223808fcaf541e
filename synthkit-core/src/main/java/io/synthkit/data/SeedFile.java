package io.synthkit.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.SynthkitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the items a user brings (seeds, base data, formatting examples, utility data): JSON Lines (one object per
 * line), a JSON array of objects ({@code .json}), or plain text with one item per line ({@code .txt}), which becomes
 * objects with a single text field. Errors name the file and line.
 */
public final class SeedFile {

  private SeedFile() {}

  /**
   * Reads a file of items.
   *
   * @param file the file
   * @param textField the field plain-text lines are stored under
   * @return the items, in file order; never empty
   * @throws SynthkitException naming the file and line of any problem
   */
  public static List<ObjectNode> read(Path file, String textField) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      List<ObjectNode> items = name.endsWith(".txt") ? text(file, textField)
          : name.endsWith(".json") && firstChar(file) == '[' ? array(file) : jsonl(file);
      if (items.isEmpty()) {
        throw SynthkitException.input(file + ": contains no items");
      }
      return items;
    } catch (NoSuchFileException e) {
      throw SynthkitException.input("file not found: " + file);
    } catch (MalformedInputException e) {
      throw SynthkitException.input(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw SynthkitException.input("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the run's {@code data.seeds} file, which the calling method requires.
   *
   * @param config the run config
   * @param textField the field plain-text lines are stored under
   * @param requirement what the method needs the file for, e.g. {@code "for aide: a JSONL file of ..."}; shown after
   *     "is required" when {@code data.seeds} is not set
   * @return the items, in file order; never empty
   * @throws SynthkitException naming the key, or the file and line of any problem
   */
  public static List<ObjectNode> readSeeds(ConfigView config, String textField, String requirement) {
    return read(seedsFile(config, requirement), textField);
  }

  /**
   * Returns {@code data.seeds} as written in the config, for messages; call it after {@link #readSeeds} or
   * {@link #seedsFile}, which refuse a config without it.
   *
   * @param config the run config
   * @return the configured seeds file
   */
  public static String seedsName(ConfigView config) {
    return java.util.Objects.requireNonNull(config.data().seeds(), "data.seeds is checked by seedsFile before use");
  }

  /**
   * Returns the run's {@code data.seeds} file, which the calling method requires, after checking that it exists.
   *
   * @param config the run config
   * @param requirement what the method needs the file for; shown after "is required" when it is not set
   * @return the resolved path
   * @throws SynthkitException naming the key when it is not set or the file does not exist
   */
  public static Path seedsFile(ConfigView config, String requirement) {
    String seeds = config.data().seeds();
    if (seeds == null) {
      throw SynthkitException.input(config.at("data.seeds") + "is required " + requirement);
    }
    Path file = config.resolve(seeds);
    if (!Files.exists(file)) {
      throw SynthkitException.input(config.at("data.seeds") + "file not found: " + file);
    }
    return file;
  }

  /**
   * Checks that every item holds a string in a field.
   *
   * @param items the items, in file order
   * @param field the field
   * @param file the file as the user named it, for messages
   * @param nonBlank whether a blank string is a missing one
   * @param hint appended to the message (what to set instead), or an empty string
   * @throws SynthkitException naming the file and the first item without it
   */
  public static void requireText(List<ObjectNode> items, String field, String file, boolean nonBlank, String hint) {
    for (int i = 0; i < items.size(); i++) {
      JsonNode v = items.get(i).path(field);
      if (!v.isTextual() || (nonBlank && v.asText().isBlank())) {
        throw SynthkitException.input(file + ": item " + (i + 1) + " has no " + (nonBlank ? "non-blank " : "")
            + "string field '" + field + "'" + hint);
      }
    }
  }

  private static List<ObjectNode> jsonl(Path file) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (n == 1) {
          line = withoutBom(line);
        }
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          throw SynthkitException.input(file + ":" + n + ":" + column(e) + ": not valid JSON: " + Json.problem(e)
              + " (a JSONL file holds one JSON object per line)");
        }
        if (!(node instanceof ObjectNode obj)) {
          throw SynthkitException.input(file + ":" + n + ": expected a JSON object, found "
              + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        out.add(obj);
      }
    }
    return out;
  }

  private static List<ObjectNode> array(Path file) throws IOException {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(withoutBom(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (JsonProcessingException e) {
      throw SynthkitException.input(file + ":" + e.getLocation().getLineNr() + ":" + column(e) + ": not valid JSON: "
          + Json.problem(e));
    }
    List<ObjectNode> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : node) {
      if (!(item instanceof ObjectNode obj)) {
        throw SynthkitException.input(file + ": item " + (i + 1) + " is not a JSON object");
      }
      out.add(obj);
      i++;
    }
    return out;
  }

  private static List<ObjectNode> text(Path file, String field) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = i == 0 ? withoutBom(lines.get(0)) : lines.get(i);
      if (!line.isBlank()) {
        out.add(Json.object().put(field, line.strip()));
      }
    }
    return out;
  }

  /** Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the content. */
  private static String withoutBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static int column(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
  }

  private static int firstChar(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int c;
      while ((c = r.read()) != -1) {
        if (!Character.isWhitespace(c) && c != '\uFEFF') {
          return c;
        }
      }
      return -1;
    }
  }
}
