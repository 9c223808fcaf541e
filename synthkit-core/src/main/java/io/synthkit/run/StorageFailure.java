package io.synthkit.run;

import io.synthkit.spi.RunStorageException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Words an I/O failure of the run directory for the user: which file, the cause as the operating system or SQLite
 * gave it, and what to do. One place, so the state store, the logs and the manifest say it the same way.
 */
final class StorageFailure {

  private StorageFailure() {}

  static RunStorageException of(String what, Path path, Throwable cause) {
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new RunStorageException("cannot " + what + " (" + path + "): " + firstLine(detail) + "; " + advice(detail),
        path, cause);
  }

  /** What the user can do about a failure with this message. */
  static String advice(String detail) {
    String d = detail.toLowerCase(Locale.ROOT);
    // A failed write is almost always space: ENOSPC, EFBIG (a file size limit), a quota; SQLite reports them as
    // SQLITE_FULL or SQLITE_IOERR_WRITE ("disk I/O error").
    if (d.contains("sqlite_full") || d.contains("disk is full") || d.contains("no space") || d.contains("file too large")
        || d.contains("quota") || d.contains("ioerr_write") || d.contains("disk i/o error")) {
      return "the disk is full (or a file size limit was reached): free space and run the same command, which"
          + " resumes where this session stopped";
    }
    if (d.contains("sqlite_corrupt") || d.contains("malformed") || d.contains("not a database")
        || d.contains("sqlite_notadb")) {
      return "the run's state is damaged: run the same command with --rebuild-state to keep the records and start a"
          + " new state (model calls are repeated, no record is written twice), or with --fresh to start over (the"
          + " old run is kept aside)";
    }
    if (d.contains("permission") || d.contains("read-only") || d.contains("readonly")) {
      return "synthkit cannot write there: check the directory's permissions, or set output_dir";
    }
    return "fix the cause and run the same command, which resumes where this session stopped";
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse(s).strip();
  }
}
