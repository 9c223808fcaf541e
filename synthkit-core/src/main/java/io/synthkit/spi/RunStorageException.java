package io.synthkit.spi;

import java.nio.file.Path;

/**
 * The run directory could not be written or read: the disk is full, a file size limit was reached, permissions
 * changed, or the run's state is damaged. Nothing already written is lost; the message names the file, the cause and
 * what to do (usually: free space and run the same command, which resumes). Exit code 6.
 */
public final class RunStorageException extends SynthkitException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the file and the cause, and what to do
   * @param path the file or directory
   * @param cause the underlying failure
   */
  public RunStorageException(String message, Path path, Throwable cause) {
    super(message, EXIT_STORAGE, cause);
    this.path = path;
  }

  /**
   * Returns the file or directory that failed.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }
}
