package io.synthkit.sim;

/**
 * What happens to one request of a batch job besides being answered: it may fail with a server error or expire
 * unprocessed, at the rates the simulator options give. Decided by the request's {@code custom_id} and the simulator
 * seed, so a test that resubmits the same requests sees the same fate and can count on it.
 */
enum BatchFate {
  ANSWERED,
  FAILED,
  EXPIRED;

  static BatchFate of(SimulatorOptions options, String customId) {
    double expiry = options.rate(options.batchExpiry());
    double failure = options.rate(options.batchFailure());
    if (expiry <= 0 && failure <= 0) {
      return ANSWERED;
    }
    long h = options.seedOrDefault() * 0x9E3779B97F4A7C15L;
    for (char c : customId.toCharArray()) {
      h = (h ^ c) * 0x100000001b3L;
    }
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    double u = (h >>> 11) * 0x1.0p-53;
    return u < expiry ? EXPIRED : u < expiry + failure ? FAILED : ANSWERED;
  }
}
