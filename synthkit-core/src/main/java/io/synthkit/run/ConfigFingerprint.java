package io.synthkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The part of a config that decides what a run produces. A run directory remembers it; resuming with a config whose
 * fingerprint differs would mix two datasets, so the runner refuses and names the changed keys. Target, budget,
 * report settings, paths, keys and throughput settings (concurrency, rate limits, timeouts, retries, prices, simulator
 * latency) are left out: changing them is how a user extends or speeds up a run.
 *
 * <p>The files a config names (seeds, base data, persona pools, prompt overrides) are part of it by content: every
 * config value that names an existing file (or the prompt directory) adds a SHA-256 of its bytes under
 * {@code files.<key>}, so editing a seed file in place is a change like any other.
 */
final class ConfigFingerprint {

  private static final Set<String> TOP_VOLATILE = Set.of("target", "budget", "output_dir", "name", "report");
  private static final Set<String> MODEL_VOLATILE = Set.of("api_key", "base_url", "max_concurrency",
      "requests_per_minute", "tokens_per_minute", "timeout_seconds", "max_retries", "price", "headers",
      "adaptive_concurrency");

  private ConfigFingerprint() {}

  static ObjectNode of(ObjectNode redacted) {
    return of(redacted, null);
  }

  /**
   * The fingerprint of a config, with the content of the files it names when {@code baseDir} is given.
   *
   * @param redacted the config tree without secrets
   * @param baseDir where relative paths resolve, or {@code null} to leave files out
   * @return the fingerprint
   */
  static ObjectNode of(ObjectNode redacted, @Nullable Path baseDir) {
    ObjectNode t = redacted.deepCopy();
    TOP_VOLATILE.forEach(t::remove);
    if (baseDir != null) {
      ObjectNode files = Json.object();
      fileHashes(t, "", baseDir, files);
      if (!files.isEmpty()) {
        t.set(FILES, files);
      }
    }
    JsonNode models = t.path("models");
    if (models.isObject()) {
      models.fields().forEachRemaining(e -> {
        if (e.getValue() instanceof ObjectNode m) {
          MODEL_VOLATILE.forEach(m::remove);
          if (m.get("simulator") instanceof ObjectNode sim) {
            JsonNode seed = sim.get("seed");
            m.remove("simulator");
            if (seed != null) {
              m.putObject("simulator").set("seed", seed);
            }
          }
        }
      });
    }
    return t;
  }

  /** The fingerprint key under which file contents are recorded. */
  static final String FILES = "files";

  private static void fileHashes(JsonNode node, String path, Path baseDir, ObjectNode out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> fileHashes(e.getValue(), path.isEmpty() ? e.getKey() : path + "."
          + e.getKey(), baseDir, out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        fileHashes(node.get(i), path + "[" + i + "]", baseDir, out);
      }
    } else if (node.isTextual() && !node.asText().isBlank() && node.asText().length() < 4096) {
      Path p;
      try {
        p = baseDir.resolve(node.asText());
      } catch (InvalidPathException notAPath) {
        return;
      }
      if (Files.isRegularFile(p) || (path.equals("prompts_dir") && Files.isDirectory(p))) {
        out.put(path, sha256(p));
      }
    }
  }

  /** A file's SHA-256, or for a directory the hash of its files' names and contents in name order. */
  private static String sha256(Path p) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.walk(p)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            sha.update(p.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            digest(sha, f);
          }
        }
      } else {
        digest(sha, p);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void digest(MessageDigest sha, Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
      }
    }
  }

  /** Lists the dotted keys whose values differ between two fingerprints. */
  static List<String> diff(JsonNode a, JsonNode b) {
    List<String> out = new ArrayList<>();
    diff(a, b, "", out);
    return out;
  }

  private static void diff(JsonNode a, JsonNode b, String path, List<String> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(a.get(k), b.get(k), path.isEmpty() ? k : path + "." + k, out);
      }
    } else if (a == null || b == null || !a.equals(b)) {
      out.add(path.isEmpty() ? "(root)" : path);
    }
  }

  static String canonical(ObjectNode fingerprint) {
    return Json.write(sorted(fingerprint));
  }

  private static JsonNode sorted(JsonNode n) {
    if (!n.isObject()) {
      return n;
    }
    ObjectNode out = Json.object();
    TreeSet<String> keys = new TreeSet<>();
    n.fieldNames().forEachRemaining(keys::add);
    for (String k : keys) {
      out.set(k, sorted(n.get(k)));
    }
    return out;
  }
}
