package io.synthkit.run;

import io.synthkit.json.Json;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import io.synthkit.secret.Secrets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The directory of one run, {@code <output_dir>/<name>/}, and the exclusive lock that keeps two processes from writing
 * it at once. A previous run is never destroyed: {@code --fresh} moves it aside to {@code <name>.prev-N}.
 */
final class RunDirectory implements AutoCloseable {

  static final String LOCK = ".lock";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private RunDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating if needed) and locks a run directory.
   *
   * @param dir the run directory
   * @param fresh move an existing run aside first
   * @param listener told where an existing run was moved
   * @return the locked directory
   * @throws SynthkitException when another process holds the run, or the directory cannot be written
   */
  static RunDirectory open(Path dir, boolean fresh, RunListener listener) {
    try {
      if (fresh && Files.exists(dir)) {
        if (holdsNothing(dir)) {
          deleteTree(dir);
          listener.notice("--fresh: the earlier attempt got no model reply and accepted no record; removed it");
        } else {
          Path aside = moveAside(dir);
          listener.notice("--fresh: kept the previous run as " + aside);
        }
      }
      Files.createDirectories(dir);
      FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw SynthkitException.input("run directory " + dir + " is in use by another synthkit process");
      }
      return new RunDirectory(dir, ch, lock);
    } catch (IOException e) {
      throw SynthkitException.input("cannot create run directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * A run with no paid model reply and no record has nothing worth keeping (its rejections can only be failed calls or
   * unusable seeds, which a fixed config makes again).
   */
  static boolean holdsNothing(Path dir) {
    RunOutput out = RunOutput.of(dir);
    return out.hasNoRecords() && StateStore.responseCount(out.state()) == 0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Path moveAside(Path dir) throws IOException {
    for (int n = 1; ; n++) {
      Path aside = dir.resolveSibling(dir.getFileName() + ".prev-" + n);
      if (!Files.exists(aside)) {
        Files.move(dir, aside);
        return aside;
      }
    }
  }

  Path path() {
    return dir;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** Writes a file atomically (temp file + rename) so readers never see half of it; secrets are redacted. */
  void writeAtomically(String name, String content) {
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(name + ".tmp");
    try {
      Files.writeString(tmp, Secrets.redact(content), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw StorageFailure.of("write", target, e);
    }
  }

  /**
   * Moves the state database (with its WAL files) aside as {@code state.db.damaged-N}, so a new one starts; the run's
   * records, rejections and events stay.
   *
   * @param listener told where the old state went
   * @return the path of the (new) state database
   */
  Path setStateAside(RunListener listener) {
    Path state = dir.resolve(RunOutput.STATE);
    if (!Files.exists(state)) {
      return state;
    }
    try {
      for (int n = 1; ; n++) {
        Path aside = dir.resolve(RunOutput.STATE + ".damaged-" + n);
        if (!Files.exists(aside)) {
          Files.move(state, aside);
          for (String suffix : new String[] {"-wal", "-shm"}) {
            Path extra = dir.resolve(RunOutput.STATE + suffix);
            if (Files.exists(extra)) {
              Files.move(extra, dir.resolve(aside.getFileName() + suffix));
            }
          }
          listener.notice("--rebuild-state: set the old state aside as " + aside + "; the records are kept, and"
              + " model calls are made again (their cached replies were in the old state)");
          return state;
        }
      }
    } catch (IOException e) {
      throw StorageFailure.of("set the run state aside", state, e);
    }
  }

  /** Overwrites a file in place (truncate and write), for when a temporary copy no longer fits on the disk. */
  void overwrite(String name, String content) {
    Path target = dir.resolve(name);
    try {
      Files.writeString(target, Secrets.redact(content), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw StorageFailure.of("write", target, e);
    }
  }

  void writeJson(String name, Object value) {
    writeAtomically(name, Json.pretty(value) + "\n");
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
