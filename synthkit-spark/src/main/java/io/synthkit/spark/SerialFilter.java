package io.synthkit.spark;

/**
 * Keeps the built-in simulator's web server (Helidon) from closing Java deserialization for the whole JVM. Helidon,
 * when it starts and finds no JVM-wide deserialization filter, installs one that rejects every class it was not told
 * about; Spark receives its tasks by Java deserialization, so every task after the first simulated shard in that JVM
 * would fail ({@code InvalidClassException: filter status: REJECTED}). Telling Helidon to leave a missing filter
 * missing ({@code helidon.serialFilter.missing.action=ignore}) restores the JVM's default, which Spark relies on. A
 * value the user set is kept. It must run before the first simulator starts in the JVM: the filter can be set once.
 */
final class SerialFilter {

  static final String MISSING_ACTION = "helidon.serialFilter.missing.action";

  private SerialFilter() {}

  static void leaveToSpark() {
    if (System.getProperty(MISSING_ACTION) == null) {
      System.setProperty(MISSING_ACTION, "ignore");
    }
  }
}
