package io.synthkit.run;

import io.synthkit.spi.RunListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run listener that keeps every notice, for tests that assert what a run told its user. */
final class NoticeRecorder implements RunListener {

  /** The notices so far, in order; safe to read while the run's threads add to it. */
  final List<String> notices = new CopyOnWriteArrayList<>();

  @Override
  public void notice(String message) {
    notices.add(message);
  }
}
