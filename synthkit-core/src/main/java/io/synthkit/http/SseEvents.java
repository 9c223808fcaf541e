package io.synthkit.http;

import org.jspecify.annotations.Nullable;

/**
 * Frames a server-sent event stream (the WHATWG {@code text/event-stream} format) from its lines: {@code event:} and
 * {@code data:} fields (several data lines join with a newline), comments ({@code :}) skipped, a blank line ends an
 * event. Hand it to {@link HttpTransport#stream}; call {@link #end()} after the stream closes to deliver an event the
 * server did not end with a blank line. Not thread-safe (one stream).
 */
public final class SseEvents implements HttpTransport.LineHandler {

  /** Receives events. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Takes one event.
     *
     * @param type the {@code event:} field, or {@code message} when there was none
     * @param data the data
     * @return false to stop reading the stream
     */
    boolean event(String type, String data);
  }

  private final Listener listener;
  private @Nullable String type;
  private @Nullable StringBuilder data;
  private boolean stopped;

  /**
   * Creates a framer.
   *
   * @param listener receives each event
   */
  public SseEvents(Listener listener) {
    this.listener = listener;
  }

  @Override
  public boolean line(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.startsWith(":")) {
      return true;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> type = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      default -> { } // id, retry: not needed for one request's stream
    }
    return true;
  }

  /** Delivers a last event that was not followed by a blank line. */
  public void end() {
    if (!stopped) {
      dispatch();
    }
  }

  private boolean dispatch() {
    if (data == null) {
      type = null;
      return true;
    }
    boolean more = listener.event(type == null ? "message" : type, data.toString());
    type = null;
    data = null;
    stopped = !more;
    return more;
  }
}
