package io.synthkit.llm;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing the gateway learned about a model's endpoint and now applies to every call: a parameter renamed, capped
 * or dropped after a 400 named it, a structured-output mode given up, or that the server ignores {@code n}. Recorded
 * once per run (a notice, an event and the manifest) and replayed when the run resumes.
 *
 * @param api the wire protocol, {@code openai} or {@code anthropic}
 * @param model the model id
 * @param param the request parameter concerned, e.g. {@code max_tokens}
 * @param fix what is done now: {@code rename:NEW}, {@code cap:N}, {@code drop}, {@code mode:MODE} or {@code top_up}
 * @param reason the server's error line that taught it (or what was observed)
 * @param endpoint the endpoint it was learned on, for people reading the manifest
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Adaptation(String api, String model, String param, String fix, String reason, String endpoint) {

  /**
   * Describes the adaptation in one line, for notices.
   *
   * @return e.g. {@code openai:gpt-5 at ...: the server rejected max_tokens; sending max_completion_tokens from now on}
   */
  public String describe() {
    String what;
    if (fix.startsWith("rename:")) {
      what = "the server rejected " + param + "; sending " + fix.substring(7) + " instead from now on";
    } else if (fix.startsWith("cap:")) {
      what = "the server limits " + param + "; sending at most " + fix.substring(4) + " from now on";
    } else if (fix.equals("drop")) {
      what = "the server rejected " + param + "; leaving it out from now on (the server's default applies)";
    } else if (fix.startsWith("mode:")) {
      what = "the server rejected structured output through " + param + "; using structured_output "
          + fix.substring(5) + " from now on";
    } else {
      what = "the server returns fewer choices than n asks for; asking again for the rest";
    }
    return endpoint + ": " + what + " (" + reason + ")";
  }
}
