package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.llm.Adaptation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gateway learns is told once, kept in the state for the next session, and logged as an event. */
class GatewayNotesTest {

  @TempDir
  Path dir;

  private final NoticeRecorder listener = new NoticeRecorder();

  private final List<String> notices = listener.notices;

  private static final Adaptation RENAME = new Adaptation("openai", "gpt-x", "max_tokens",
      "rename:max_completion_tokens", "HTTP 400", "https://api.example");
  private static final Adaptation DROP = new Adaptation("openai", "gpt-x", "temperature", "drop", "HTTP 400",
      "https://api.example");

  @Test
  void adaptations_areNoticed_loggedAsEvents_andRecalledByTheNextSession() {
    Path state = dir.resolve(RunOutput.STATE);
    try (StateStore s = new StateStore(state); DatasetSink sink = new DatasetSink(dir, 3, "m", () -> false)) {
      GatewayNotes notes = new GatewayNotes(listener, s, new RetryWaits());
      assertThat(notes.earlier()).isEmpty();
      notes.adapted(RENAME); // before a sink is attached: no event, but kept and told
      notes.attach(sink);
      notes.adapted(DROP);
      assertThat(notes.earlier()).containsExactly(RENAME, DROP);
    }
    assertThat(notices).containsExactly(RENAME.describe(), DROP.describe());
    List<JsonNode> events = TestRuns.lines(dir, RunOutput.EVENTS).stream().map(Json::parse).toList();
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.path("key").asText()).isEqualTo("adaptation/openai/gpt-x/temperature/drop");
      assertThat(e.path("type").asText()).isEqualTo("adaptation");
      assertThat(e.path("param").asText()).isEqualTo("temperature");
    });
    try (StateStore s = new StateStore(state)) {
      assertThat(new GatewayNotes(listener, s, new RetryWaits()).earlier()).containsExactly(RENAME, DROP);
    }
  }

  @Test
  void waits_arePassedToTheProgressLine() {
    RetryWaits waits = new RetryWaits();
    try (StateStore s = new StateStore(dir.resolve(RunOutput.STATE))) {
      GatewayNotes notes = new GatewayNotes(listener, s, waits);
      Instant until = Instant.now().plusSeconds(60);
      notes.waiting("https://api.example", until, "HTTP 429");
      assertThat(waits.note(Instant.now())).startsWith("waiting until ").endsWith(" (HTTP 429)");
    }
  }
}
