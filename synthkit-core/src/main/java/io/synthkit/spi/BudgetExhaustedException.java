package io.synthkit.spi;


/**
 * The run reached {@code budget.max_cost_usd} or {@code budget.max_tokens}. Exit code 4; the run stops cleanly and
 * resumes with a higher budget.
 */
public final class BudgetExhaustedException extends SynthkitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which limit was reached and the amount spent
   */
  public BudgetExhaustedException(String message) {
    super(message, EXIT_BUDGET);
  }
}
