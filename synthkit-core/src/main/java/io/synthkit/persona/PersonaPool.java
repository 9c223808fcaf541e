package io.synthkit.persona;

import io.synthkit.spi.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A pool of personas with their embeddings, for persona-conditioned generation as in AIDE and Persona Hub (Ge et al.
 * 2024, "Scaling Synthetic Data Creation with 1,000,000,000 Personas"): for each topic, retrieve the personas most
 * related to it and let each one steer a generation.
 *
 * <p>Users bring their own pool: a JSONL file in Persona Hub's format, one {@code {"persona": "..."}} object per line
 * (see {@link PersonaFile}). synthkit never bundles Persona Hub data, which is licensed CC BY-NC-SA 4.0.
 *
 * <p>Search is exact brute force over one contiguous row-major {@code float[]} matrix: {@link #topK} costs
 * {@code size * dimension} multiply-adds (200k personas × 384 dimensions ≈ 77M, tens of milliseconds). Memory is
 * {@code 4 * size * dimension} bytes for the matrix (200k × 384 ≈ 307 MB) plus the persona strings; the matrix is
 * limited to 2^31 - 9 floats (5.5M personas at 384 dimensions).
 *
 * <p>Immutable after construction and thread-safe when the embedder is.
 */
public final class PersonaPool {

  /** Personas handed to the embedder per call; bounds the temporary {@code List<float[]>} while loading. */
  static final int EMBED_CHUNK = 1024;

  private final List<String> personas;
  private final Embedder embedder;
  private final int dimension;
  private final float[] matrix;

  private PersonaPool(List<String> personas, Embedder embedder) {
    this.personas = personas;
    this.embedder = embedder;
    this.dimension = embedder.dimension();
    long cells = (long) personas.size() * dimension;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many personas for one matrix: " + personas.size() + " × " + dimension);
    }
    this.matrix = new float[(int) cells];
    for (int from = 0; from < personas.size(); from += EMBED_CHUNK) {
      List<float[]> vectors = embedder.embed(personas.subList(from, Math.min(personas.size(), from + EMBED_CHUNK)));
      for (int i = 0; i < vectors.size(); i++) {
        float[] v = vectors.get(i);
        if (v.length != dimension) {
          throw new IllegalStateException(embedder.id() + " returned length " + v.length + ", expected " + dimension);
        }
        System.arraycopy(v, 0, matrix, (from + i) * dimension, dimension);
      }
    }
  }

  /**
   * Reads a Persona Hub style JSONL file and embeds every persona.
   *
   * @param jsonl the file; see {@link PersonaFile#read(Path)} for the format and errors
   * @param embedder embeds the personas now and each topic later; the pool does not close it
   * @return the pool
   * @throws io.synthkit.spi.SynthkitException (exit 2) naming the file and line when the file is unreadable or malformed
   */
  public static PersonaPool load(Path jsonl, Embedder embedder) {
    return of(PersonaFile.read(jsonl), embedder);
  }

  /**
   * Embeds a list of personas.
   *
   * @param personas the persona texts, in pool order; at least one
   * @param embedder embeds the personas now and each topic later; the pool does not close it
   * @return the pool
   */
  public static PersonaPool of(List<String> personas, Embedder embedder) {
    Objects.requireNonNull(embedder, "embedder");
    if (personas.isEmpty()) {
      throw new IllegalArgumentException("a persona pool needs at least one persona");
    }
    return new PersonaPool(List.copyOf(personas), embedder);
  }

  /**
   * Returns the number of personas.
   *
   * @return the pool size
   */
  public int size() {
    return personas.size();
  }

  /**
   * Returns one persona.
   *
   * @param index zero-based position in the pool
   * @return the persona text
   */
  public String persona(int index) {
    return personas.get(index);
  }

  /**
   * Finds the {@code k} personas most similar to a topic.
   *
   * @param topic the topic text, embedded with the pool's embedder
   * @param k how many to return; at least 1. A {@code k} above the pool size returns the whole pool, ranked
   * @return up to {@code k} personas, highest score first; equal scores in pool order
   */
  public List<ScoredPersona> topK(String topic, int k) {
    return topK(topic, k, Double.NEGATIVE_INFINITY);
  }

  /**
   * Finds the {@code k} personas most similar to a topic whose similarity reaches a threshold.
   *
   * @param topic the topic text, embedded with the pool's embedder
   * @param k how many to return at most; at least 1
   * @param minScore the lowest cosine similarity to keep (inclusive); {@code Double.NEGATIVE_INFINITY} keeps all
   * @return up to {@code k} personas scoring at least {@code minScore}, highest first; equal scores in pool order
   */
  public List<ScoredPersona> topK(String topic, int k, double minScore) {
    return topK(embedder.embed(Objects.requireNonNull(topic, "topic")), k, minScore);
  }

  /**
   * Finds the {@code k} personas most similar to an already embedded topic, for callers that embed topics in bulk.
   *
   * @param query a unit vector from the pool's embedder
   * @param k how many to return at most; at least 1
   * @param minScore the lowest cosine similarity to keep (inclusive)
   * @return up to {@code k} personas scoring at least {@code minScore}, highest first; equal scores in pool order
   */
  public List<ScoredPersona> topK(float[] query, int k, double minScore) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    if (Double.isNaN(minScore)) {
      throw new IllegalArgumentException("minScore must be a number: " + minScore);
    }
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has length " + query.length + ", the pool " + dimension);
    }
    // Min-heap of the best so far: its head is the current worst (lowest score; among equals, the highest index).
    Comparator<ScoredPersona> rank =
        Comparator.comparingDouble(ScoredPersona::score).reversed().thenComparingInt(ScoredPersona::index);
    PriorityQueue<ScoredPersona> best = new PriorityQueue<>(Math.min(k, size()) + 1, rank.reversed());
    for (int row = 0; row < personas.size(); row++) {
      double score = dot(query, row);
      if (score < minScore) {
        continue;
      }
      if (best.size() < k) {
        best.add(new ScoredPersona(personas.get(row), row, score));
      } else if (score > best.peek().score()) {
        // Rows come in index order, so an equal score never displaces an earlier row.
        best.poll();
        best.add(new ScoredPersona(personas.get(row), row, score));
      }
    }
    List<ScoredPersona> ranked = new ArrayList<>(best);
    ranked.sort(rank);
    return ranked;
  }

  private double dot(float[] query, int row) {
    int offset = row * dimension;
    float sum = 0;
    for (int i = 0; i < dimension; i++) {
      sum += query[i] * matrix[offset + i];
    }
    return sum;
  }
}
