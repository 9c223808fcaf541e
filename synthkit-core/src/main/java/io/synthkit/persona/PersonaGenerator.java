package io.synthkit.persona;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import io.synthkit.json.Json;
import io.synthkit.run.Parallel;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Schema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds a persona pool from the user's own texts with Persona Hub's text-to-persona method (Ge et al. 2024, "Scaling
 * Synthetic Data Creation with 1,000,000,000 Personas"): a model reads each text and describes the people who would
 * write, read or need it. Exact duplicates (after {@link io.synthkit.dedup.TextNormalizer}) and near duplicates (MinHash
 * Jaccard over lowercased words at or above a threshold) are dropped, keeping the first; the result is written as
 * {@code {"persona": ...}} JSON Lines that {@link PersonaFile} and {@link PersonaPool} read. This lets AIDE run on a
 * pool the user owns instead of Persona Hub's CC BY-NC-SA data.
 *
 * <p>Run-less: there is no response cache, so an interrupted generation starts over. Texts are processed
 * concurrently (the endpoint's limits decide how many calls run at once) and consumed in input order, so the output
 * is deterministic for deterministic replies. Thread-safe; {@link #generate} may be called from several threads.
 */
public final class PersonaGenerator {

  /** The model role used by {@code synthkit personas generate} ({@code models.persona_generator}, else default). */
  public static final String ROLE = "persona_generator";

  /** Texts handed to {@link Parallel#map} at once; bounds threads and memory on large corpora. */
  private static final int CHUNK = 256;
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}\\s]+");

  /**
   * Tunables.
   *
   * @param perText personas asked for per text, at least 1
   * @param nearThreshold drop a persona whose estimated Jaccard similarity (lowercased words) to a kept one is at least
   *     this, in (0, 1]; 1 keeps everything but exact duplicates
   * @param maxTextChars texts are cut to this many characters before they reach the model
   */
  public record Options(int perText, double nearThreshold, int maxTextChars) {

    /** Three personas per text, near-duplicate threshold 0.7, texts cut at 4,000 characters. */
    public static final Options DEFAULT = new Options(3, 0.7, 4_000);

    /** Checks ranges. */
    public Options {
      if (perText < 1 || perText > 20) {
        throw new IllegalArgumentException("perText must be in [1, 20]: " + perText);
      }
      if (!(nearThreshold > 0 && nearThreshold <= 1)) {
        throw new IllegalArgumentException("nearThreshold must be in (0, 1]: " + nearThreshold);
      }
      if (maxTextChars < 100) {
        throw new IllegalArgumentException("maxTextChars must be at least 100: " + maxTextChars);
      }
    }
  }

  /**
   * A kept persona.
   *
   * @param persona the description
   * @param relation how the person relates to the text ({@code writes}, {@code reads} or {@code needs})
   * @param source the zero-based index of the text it came from
   */
  public record GeneratedPersona(String persona, String relation, int source) {}

  /**
   * What a generation produced.
   *
   * @param personas the kept personas, in text order
   * @param texts texts read
   * @param proposed personas the model proposed
   * @param exactDuplicates dropped as exact duplicates (blank ones included)
   * @param nearDuplicates dropped as near duplicates
   * @param failedTexts texts whose reply stayed invalid after the gateway's repairs
   */
  public record Result(List<GeneratedPersona> personas, int texts, int proposed, int exactDuplicates,
      int nearDuplicates, int failedTexts) {}

  /** The model's reply for one text. */
  record Inferred(@JsonPropertyDescription("the people who would write, read or need the text") List<Person> people) {}

  /**
   * One inferred person.
   *
   * @param relation writes, reads or needs
   * @param persona the description
   */
  record Person(
      @JsonPropertyDescription("how the person relates to the text: writes, reads or needs") String relation,
      @JsonPropertyDescription("one sentence: role, situation and what they care about") String persona) {}

  private final Llm llm;
  private final PromptLibrary prompts;
  private final Options options;
  private final Schema schema;

  /**
   * Creates a generator.
   *
   * @param llm the model role that infers personas
   * @param prompts the prompt library ({@code personas/from-text} may be overridden)
   * @param options tunables
   */
  public PersonaGenerator(Llm llm, PromptLibrary prompts, Options options) {
    this.llm = Objects.requireNonNull(llm, "llm");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
    this.options = Objects.requireNonNull(options, "options");
    Schema base = Schema.of(Inferred.class);
    ObjectNode json = base.json().deepCopy();
    ((ObjectNode) json.get("properties").get("people")).put("minItems", options.perText())
        .put("maxItems", options.perText());
    // The person record sits in $defs; every "relation" property found is the person's.
    for (var parent : json.findParents("relation")) {
      ((ObjectNode) parent.get("relation")).putArray("enum").add("writes").add("reads").add("needs");
    }
    this.schema = new Schema("inferred_personas", json, Inferred.class);
  }

  /**
   * Infers personas for every text and deduplicates them.
   *
   * @param texts the texts (seeds or a corpus), in order
   * @param progress told how many texts are done after each chunk; may be {@code null}
   * @return the kept personas and the counts
   */
  public Result generate(List<String> texts, @Nullable IntConsumer progress) {
    ExactDedup exact = new ExactDedup();
    NearDuplicateIndex near = new NearDuplicateIndex(MinHash.datasketch(), PersonaGenerator::words,
        options.nearThreshold());
    List<GeneratedPersona> kept = new ArrayList<>();
    int proposed = 0;
    int exactDrops = 0;
    int nearDrops = 0;
    int failed = 0;
    for (int from = 0; from < texts.size(); from += CHUNK) {
      int start = from;
      List<Integer> indexes = new ArrayList<>();
      for (int i = from; i < Math.min(texts.size(), from + CHUNK); i++) {
        indexes.add(i);
      }
      List<Reply<Inferred>> replies = Parallel.map(indexes, i -> infer(texts.get(i), i));
      for (int j = 0; j < replies.size(); j++) {
        if (!(replies.get(j) instanceof Reply.Ok<Inferred> ok)) {
          failed++;
          continue;
        }
        for (Person person : ok.value().people()) {
          proposed++;
          String text = person.persona() == null ? "" : person.persona().strip();
          if (text.isEmpty() || !exact.add(text)) {
            exactDrops++;
          } else if (near.offer(text).isPresent()) {
            nearDrops++;
          } else {
            kept.add(new GeneratedPersona(text, relation(person.relation()), start + j));
          }
        }
      }
      if (progress != null) {
        progress.accept(Math.min(texts.size(), from + CHUNK));
      }
    }
    return new Result(List.copyOf(kept), texts.size(), proposed, exactDrops, nearDrops, failed);
  }

  /**
   * Reads the texts to infer personas from: JSON Lines, a JSON array or a .txt file with one text per line
   * ({@link io.synthkit.data.SeedFile}).
   *
   * @param file the seeds or corpus
   * @param field the field holding the text (plain-text lines are stored under it)
   * @return the texts, in file order
   * @throws io.synthkit.spi.SynthkitException (exit 2) naming the item whose field is missing, not a string, or blank
   */
  public static List<String> readTexts(Path file, String field) {
    List<ObjectNode> items = io.synthkit.data.SeedFile.read(file, field);
    List<String> texts = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      var value = items.get(i).path(field);
      if (!value.isTextual() || value.asText().isBlank()) {
        throw io.synthkit.spi.SynthkitException.input(file + ": item " + (i + 1) + " has no non-blank string field '"
            + field + "' (choose the field with --field)");
      }
      texts.add(value.asText());
    }
    return texts;
  }

  private Reply<Inferred> infer(String text, int index) {
    String cut = text.length() <= options.maxTextChars() ? text : text.substring(0, options.maxTextChars()) + " ...";
    return Reply.catching(() -> llm.askMany(prompts.render("personas/from-text", Map.of("text", cut, "count",
        options.perText(), "plural", options.perText() > 1)), schema, Inferred.class, 1, "text/" + index
        + "/personas").get(0));
  }

  private static java.util.Set<String> words(String persona) {
    // Punctuation would make "clinic." and "clinic" different words; the index compares words only.
    return Shingler.wordNGrams(1).shingles(NON_WORD.matcher(persona).replaceAll(" "));
  }

  private static String relation(String raw) {
    String r = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    return r.isEmpty() ? "unknown" : r;
  }

  /**
   * Writes personas as {@code {"persona", "relation", "source"}} JSON Lines, atomically (a temporary file renamed).
   *
   * @param out the file to write
   * @param personas the personas
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Path out, List<GeneratedPersona> personas) {
    write(out, personas, false);
  }

  /**
   * Writes personas as {@link #write(Path, List)} does, each line marked {@code "simulated": true} when a simulator
   * wrote them, as run records are: a placeholder persona file must not pass for a real one.
   *
   * @param out the file to write
   * @param personas the personas
   * @param simulated true when synthkit's simulator inferred them
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Path out, List<GeneratedPersona> personas, boolean simulated) {
    Path dir = out.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (GeneratedPersona p : personas) {
          ObjectNode line = Json.object().put("persona", p.persona()).put("relation", p.relation())
              .put("source", p.source());
          if (simulated) {
            line.put("simulated", true);
          }
          w.write(Json.write(line));
          w.write('\n');
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
