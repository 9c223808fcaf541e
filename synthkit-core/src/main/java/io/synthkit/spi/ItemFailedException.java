package io.synthkit.spi;

/**
 * One item of a method's work cannot be produced, for a reason that belongs to that item and not to the run: its
 * reply stayed invalid, its prompt does not fit the model's context, or its call failed through every retry. Methods
 * (and the run, for what escapes them) write the item to {@code rejected.jsonl} with {@link #step()} and the message,
 * and go on. The subclasses say which.
 */
public class ItemFailedException extends SynthkitException {
  private static final long serialVersionUID = 1L;

  private final String step;

  /**
   * Creates the exception.
   *
   * @param step the rejection step it maps to, e.g. {@code parse}, {@code context_length}, {@code call_failed}
   * @param message what happened, with the numbers involved
   */
  public ItemFailedException(String step, String message) {
    super(message, EXIT_INTERNAL);
    this.step = step;
  }

  /**
   * Returns the rejection step this failure is recorded under.
   *
   * @return the step name
   */
  public String step() {
    return step;
  }
}
