package io.synthkit.sim;

/** The two wire protocols the simulator speaks; they differ in error shapes, auth headers and streaming events. */
enum Api {
  OPENAI("openai"),
  ANTHROPIC("anthropic");

  private final String wire;

  Api(String wire) {
    this.wire = wire;
  }

  /** The name {@link SimRequest#api()} reports. */
  String wire() {
    return wire;
  }
}
