package io.synthkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventsTest {

  private final List<String> events = new ArrayList<>();
  private final SseEvents sse = new SseEvents((type, data) -> events.add(type + "=" + data));

  private void feed(String... lines) {
    for (String l : lines) {
      sse.line(l);
    }
  }

  @Test
  void framesEventsFromFieldsAndBlankLines() {
    feed(": a comment", "event: message_start", "data: {\"a\":1}", "", "data:no space", "", "data: one", "data: two",
        "", "", "id: 7", "retry: 100", "data: last");
    sse.end();
    assertThat(events).containsExactly("message_start={\"a\":1}", "message=no space", "message=one\ntwo",
        "message=last");
  }

  @Test
  void aListenerThatStops_endsTheStream() {
    SseEvents stopping = new SseEvents((type, data) -> {
      events.add(data);
      return false;
    });
    assertThat(stopping.line("data: [DONE]")).isTrue();
    assertThat(stopping.line("")).isFalse();
    stopping.end();
    assertThat(events).containsExactly("[DONE]");
  }
}
