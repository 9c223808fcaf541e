package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryWaitsTest {

  @Test
  void note_showsTheLongestPendingWaitUntilItIsOver() {
    RetryWaits waits = new RetryWaits();
    Instant now = Instant.now();
    Instant later = now.plusSeconds(90);
    waits.waiting("e", now.plusSeconds(30), "HTTP 503");
    waits.waiting("e", later, "HTTP 429: slow down");
    waits.waiting("e", now.plusSeconds(40), "HTTP 500");
    String clock = DateTimeFormatter.ofPattern("HH:mm:ss").format(later.atZone(ZoneId.systemDefault()));
    assertThat(waits.note(now)).isEqualTo("waiting until " + clock + " (HTTP 429: slow down)");
    assertThat(waits.note(later)).isNull();
  }

  @Test
  void note_ignoresShortBackOffs() {
    RetryWaits waits = new RetryWaits();
    waits.waiting("e", Instant.now().plusMillis(500), "HTTP 503");
    assertThat(waits.note(Instant.now())).isNull();
  }
}
