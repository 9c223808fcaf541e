package io.synthkit.http;

import io.synthkit.spi.EndpointException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Tells a failing call from a dead endpoint. A call that fails through all its retries is normally just that call's
 * failure (its item is rejected and the run goes on). But when {@value #TRIP_AFTER} calls in a row have failed that
 * way, the endpoint is suspect: the circuit opens, the next call becomes a probe (sent with its own full retries), and
 * every other call waits for it instead of adding load. If the probe succeeds (or any call in flight does) the circuit
 * closes and the waiting calls go on; if the probe fails too, the endpoint is down and every call, waiting or new,
 * throws {@link EndpointException} (exit 3). Calls that fail while the circuit is open are not items' failures: they
 * wait for the probe and are sent again.
 *
 * <p>Thread-safe. Uses a {@link ReentrantLock} so waiting virtual threads do not pin their carriers.
 */
public final class Circuit {

  /** Consecutive failed calls (each through all its retries) that open the circuit. */
  public static final int TRIP_AFTER = 5;

  /** Where the circuit is. */
  public enum State {
    /** Calls flow; consecutive failures are counted. */
    CLOSED,
    /** Tripped: the next call becomes the probe. */
    OPEN,
    /** A probe call is out; other calls wait for it. */
    PROBING,
    /** The probe failed: every call throws. */
    DOWN
  }

  private final String name;
  private final int tripAfter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Volatile so the common case (closed, nothing failing) is one read, without the lock, at thousands of calls a second.
  private volatile State state = State.CLOSED;
  private volatile int consecutive;
  private @Nullable Call probe;
  private String lastError = "";
  private int lastStatus;

  /**
   * Creates a closed circuit.
   *
   * @param name the endpoint, for the message when it is down
   * @param tripAfter consecutive failed calls that open it
   */
  public Circuit(String name, int tripAfter) {
    if (tripAfter < 1) {
      throw new IllegalArgumentException("tripAfter must be at least 1: " + tripAfter);
    }
    this.name = name;
    this.tripAfter = tripAfter;
  }

  /**
   * Starts following one call.
   *
   * @return the call's handle
   */
  public Call call() {
    return new Call();
  }

  /**
   * Returns the state, for tests and progress.
   *
   * @return the state
   */
  public State state() {
    return state;
  }

  /** One call's passage through the circuit: admitted before each send, then resolved once. Not thread-safe. */
  public final class Call {

    private boolean resolved;

    private Call() {}

    /**
     * Lets the call send: at once while the circuit is closed (or this call is the probe), after the probe's outcome
     * while another call probes.
     *
     * @throws InterruptedException when interrupted while waiting
     * @throws EndpointException when the endpoint is down
     */
    public void admit() throws InterruptedException {
      if (state == State.CLOSED) {
        return;
      }
      lock.lock();
      try {
        while (true) {
          switch (state) {
            case CLOSED -> {
              return;
            }
            case DOWN -> throw down();
            case OPEN -> {
              state = State.PROBING;
              probe = this;
              return;
            }
            case PROBING -> {
              if (probe == this) {
                return;
              }
              changed.await();
            }
          }
        }
      } finally {
        lock.unlock();
      }
    }

    /** The call succeeded: the endpoint works, the circuit closes. */
    public void succeeded() {
      resolved = true;
      if (state == State.CLOSED && consecutive == 0) {
        return;
      }
      lock.lock();
      try {
        resolved = true;
        consecutive = 0;
        if (state != State.DOWN && state != State.CLOSED) {
          state = State.CLOSED;
          probe = null;
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }

    /**
     * The call failed through all its retries.
     *
     * @param error its last error
     * @param status its last HTTP status, or 0
     * @return {@link State#CLOSED} when it is this call's own failure; {@link State#OPEN} or {@link State#PROBING}
     *     when the endpoint is suspect and the call should wait and go again; {@link State#DOWN} when it is down
     */
    public State failed(String error, int status) {
      lock.lock();
      try {
        lastError = error;
        lastStatus = status;
        switch (state) {
          case CLOSED -> {
            if (++consecutive >= tripAfter) {
              state = State.OPEN;
              changed.signalAll();
            }
          }
          case PROBING -> {
            if (probe == this) {
              state = State.DOWN;
              probe = null;
              changed.signalAll();
            }
          }
          case OPEN, DOWN -> { }
        }
        State now = state;
        // The call that tripped the circuit is not rejected: it goes again (and becomes the probe).
        resolved = now == State.CLOSED || now == State.DOWN;
        return now;
      } finally {
        lock.unlock();
      }
    }

    /** Ends the call's passage however it ended; a probe that neither succeeded nor failed hands the role on. */
    public void release() {
      lock.lock();
      try {
        if (probe == this && state == State.PROBING) {
          state = State.OPEN;
          probe = null;
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }

    /**
     * Tells whether the call has its final outcome.
     *
     * @return true after a success, a call failure, or the endpoint found down
     */
    public boolean resolved() {
      return resolved;
    }
  }

  private EndpointException down() {
    return new EndpointException(name + " looks down: " + tripAfter + " calls in a row failed through all their"
        + " retries, and a probe call failed too (last error: " + lastError + "). Check the server and the network,"
        + " then run the same command to resume", lastStatus);
  }

  /**
   * Returns the exception a call gets once the endpoint is down.
   *
   * @return the exception
   */
  public EndpointException downException() {
    lock.lock();
    try {
      return down();
    } finally {
      lock.unlock();
    }
  }
}
