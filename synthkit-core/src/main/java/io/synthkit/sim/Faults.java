package io.synthkit.sim;

import java.util.SplittableRandom;

/**
 * Decides which faults a simulated reply suffers, by the rates in {@link SimulatorOptions}. Request faults (429, 5xx,
 * hang) replace the reply; content faults damage a JSON reply the way real models do. Thread-safe.
 */
final class Faults {

  enum Fault { NONE, RATE_LIMIT, SERVER_ERROR, HANG }

  record Damaged(String text, boolean truncated) {}

  private final SimulatorOptions o;
  private final SplittableRandom rng;

  Faults(SimulatorOptions options) {
    this.o = options;
    this.rng = new SplittableRandom(options.seedOrDefault());
  }

  synchronized Fault requestFault() {
    double r = rng.nextDouble();
    double a = o.rate(o.rateLimit());
    double b = a + o.rate(o.serverError());
    double c = b + o.rate(o.timeout());
    return r < a ? Fault.RATE_LIMIT : r < b ? Fault.SERVER_ERROR : r < c ? Fault.HANG : Fault.NONE;
  }

  Damaged damage(String json, SplittableRandom local) {
    double r;
    synchronized (this) {
      r = rng.nextDouble();
    }
    double t1 = o.rate(o.truncated());
    double t2 = t1 + o.rate(o.malformed());
    double t3 = t2 + o.rate(o.invalid());
    double t4 = t3 + o.rate(o.fenced());
    double t5 = t4 + o.rate(o.prose());
    if (r < t1) {
      return new Damaged(json.substring(0, Math.max(1, json.length() / 2)), true);
    }
    if (r < t2) {
      // A trailing comma is repairable; a missing closing brace is not (it reads as truncation).
      return new Damaged(local.nextBoolean() ? json.replaceFirst("}$", ",}") : json.substring(0, json.length() - 1),
          false);
    }
    if (r < t3) {
      return new Damaged(breakSchema(json), false);
    }
    if (r < t4) {
      return new Damaged("```json\n" + json + "\n```", false);
    }
    if (r < t5) {
      return new Damaged("Sure! Here is the result you asked for:\n\n" + json + "\n\nLet me know if you need more.",
          false);
    }
    return new Damaged(json, false);
  }

  /** Replaces the first string value with a number: valid JSON that violates a string-typed schema property. */
  private static String breakSchema(String json) {
    int colon = json.indexOf(":\"");
    if (colon < 0) {
      return "{\"unexpected\": true}";
    }
    int end = json.indexOf('"', colon + 2);
    while (end > 0 && json.charAt(end - 1) == '\\') {
      end = json.indexOf('"', end + 1);
    }
    return end < 0 ? "{\"unexpected\": true}" : json.substring(0, colon + 1) + "12345" + json.substring(end + 1);
  }
}
