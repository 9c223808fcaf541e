package io.synthkit.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Varied but meaningless text for simulated replies: random sentences over a vocabulary of about a thousand common
 * words, so diversity filters and metrics see realistic variety while nobody can mistake it for real data.
 * Thread-safe (immutable word list; randomness comes from the caller).
 */
final class PlaceholderText {

  private static final List<String> WORDS = load();

  private PlaceholderText() {}

  static String sentence(RandomGenerator rng, int minWords, int maxWords) {
    int n = minWords + rng.nextInt(Math.max(1, maxWords - minWords + 1));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String w = WORDS.get(rng.nextInt(WORDS.size()));
      if (i == 0) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      }
      sb.append(i == 0 ? "" : " ").append(w);
    }
    return sb.toString();
  }

  static String word(RandomGenerator rng) {
    return WORDS.get(rng.nextInt(WORDS.size()));
  }

  static String paragraph(RandomGenerator rng, int sentences) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      sb.append(i == 0 ? "" : " ").append(sentence(rng, 6, 16)).append('.');
    }
    return sb.toString();
  }

  private static List<String> load() {
    InputStream in = Objects.requireNonNull(PlaceholderText.class.getResourceAsStream("words.txt"), "words.txt");
    List<String> words = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          words.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(words);
  }
}
