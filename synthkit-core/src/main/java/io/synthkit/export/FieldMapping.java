package io.synthkit.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.synthkit.evaluation.FieldPath;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which record field fills each {@link Role} of an export. Given on the command line ({@code --map
 * prompt=data.question,response=data.answer}), in a mapping file (YAML or JSON object {@code {prompt: data.question}}),
 * or by default: the method's known fields (Self-Instruct {@code instruction/input/output}, Data Advisor
 * {@code prompt/response}, DataGen {@code text/label}), else the usual names found in the records. Explicit entries
 * win over defaults role by role. Immutable.
 *
 * @param paths role to field path
 */
public record FieldMapping(Map<Role, FieldPath> paths) {

  /** Known fields of the built-in methods' records. */
  static final Map<String, Map<Role, String>> METHOD_DEFAULTS = Map.of(
      "self-instruct", Map.of(Role.PROMPT, "instruction", Role.INPUT, "input", Role.RESPONSE, "output"),
      "data-advisor", Map.of(Role.PROMPT, "prompt", Role.RESPONSE, "response"),
      "datagen", Map.of(Role.PROMPT, "text", Role.RESPONSE, "label"));

  /** Field names tried per role when neither the user nor the method says. */
  static final Map<Role, List<String>> CANDIDATES = Map.of(
      Role.SYSTEM, List.of("system", "system_prompt"),
      Role.PROMPT, List.of("prompt", "instruction", "question", "query", "problem", "text"),
      Role.INPUT, List.of("input", "context"),
      Role.RESPONSE, List.of("response", "output", "answer", "completion", "solution", "label"),
      Role.CHOSEN, List.of("chosen", "preferred", "preferred_response"),
      Role.REJECTED, List.of("rejected", "non_preferred", "dispreferred", "rejected_response"));

  /** Copies the map. */
  public FieldMapping {
    paths = paths.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(paths));
  }

  /** No mapping. */
  public static final FieldMapping NONE = new FieldMapping(Map.of());

  /**
   * Parses {@code role=path,role=path}.
   *
   * @param spec the mapping; blank gives {@link #NONE}
   * @return the mapping
   * @throws SynthkitException (exit 2) for an unknown role or a malformed entry
   */
  public static FieldMapping parse(@Nullable String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    Map<Role, FieldPath> out = new EnumMap<>(Role.class);
    for (String entry : spec.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw SynthkitException.input("a mapping entry must look like role=field.path: '" + entry.strip() + "'");
      }
      out.put(Role.of(entry.substring(0, eq)), FieldPath.parse(entry.substring(eq + 1)));
    }
    return new FieldMapping(out);
  }

  /**
   * Combines a {@code role=path,...} spec with a mapping file; the spec's entries win over the file's.
   *
   * @param spec the spec, or null
   * @param file a mapping file ({@link #read}), or null
   * @return the mapping
   * @throws SynthkitException (exit 2) for a malformed spec or file
   */
  public static FieldMapping of(@Nullable String spec, @Nullable Path file) {
    FieldMapping mapping = parse(spec);
    return file == null ? mapping : mapping.over(read(file));
  }

  /**
   * Reads a mapping file: a YAML or JSON object from role to field path.
   *
   * @param file the file
   * @return the mapping
   * @throws SynthkitException (exit 2) when the file is missing or malformed
   */
  public static FieldMapping read(Path file) {
    JsonNode tree;
    try {
      tree = new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw SynthkitException.input("cannot read mapping file " + file + ": " + e.getMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw SynthkitException.input(file + ": a mapping file holds an object such as {prompt: data.question}");
    }
    Map<Role, FieldPath> out = new EnumMap<>(Role.class);
    tree.properties().forEach(e -> {
      if (!e.getValue().isTextual()) {
        throw SynthkitException.input(file + ": " + e.getKey() + ": expected a field path string");
      }
      out.put(Role.of(e.getKey()), FieldPath.parse(e.getValue().asText()));
    });
    return new FieldMapping(out);
  }

  /**
   * The default mapping for a dataset: the method's known fields where the records have them, else the first
   * candidate name present in at least half of the first 200 records.
   *
   * @param method the method that made the records, or null
   * @param records the records
   * @return the mapping (roles with no field are absent)
   */
  public static FieldMapping defaults(@Nullable String method, List<DataRecord> records) {
    List<DataRecord> head = records.subList(0, Math.min(200, records.size()));
    Map<Role, FieldPath> out = new EnumMap<>(Role.class);
    Map<Role, String> known = method == null ? Map.of() : METHOD_DEFAULTS.getOrDefault(method, Map.of());
    for (Role role : Role.values()) {
      String name = known.get(role);
      if (name != null && present(head, name)) {
        out.put(role, FieldPath.parse(name));
        continue;
      }
      for (String candidate : CANDIDATES.getOrDefault(role, List.of())) {
        boolean taken = out.values().stream().anyMatch(p -> p.toString().equals(candidate));
        if (!taken && present(head, candidate)) {
          out.put(role, FieldPath.parse(candidate));
          break;
        }
      }
    }
    return new FieldMapping(out);
  }

  private static boolean present(List<DataRecord> head, String field) {
    FieldPath p = FieldPath.parse(field);
    long n = head.stream().filter(r -> !p.read(r).isMissingNode() && !p.read(r).isNull()).count();
    return !head.isEmpty() && n * 2 >= head.size();
  }

  /**
   * Returns this mapping with {@code defaults} filling the roles it leaves out.
   *
   * @param defaults the fallback
   * @return the combined mapping
   */
  public FieldMapping over(FieldMapping defaults) {
    Map<Role, FieldPath> out = new EnumMap<>(Role.class);
    out.putAll(defaults.paths());
    out.putAll(paths);
    return new FieldMapping(out);
  }

  /**
   * Reads a role's text from a record: strings as they are, numbers and booleans as JSON text, objects and arrays as
   * compact JSON.
   *
   * @param role the role
   * @param record the record
   * @return the text, or null when the role is unmapped or the field is missing or null
   */
  public @Nullable String text(Role role, DataRecord record) {
    FieldPath p = paths.get(role);
    if (p == null) {
      return null;
    }
    JsonNode n = p.read(record);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : Json.write(n);
  }

  @Override
  public String toString() {
    return paths.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey().key() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
