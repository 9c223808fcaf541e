package io.synthkit.spark;

import io.synthkit.spi.SynthkitException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a shard's state on a shared Hadoop file system while the shard runs in a local scratch directory (SQLite needs
 * a local file system: its locks and WAL do not work on HDFS or object stores).
 *
 * <p>On the shared file system a shard is {@code shards/shard-N/snapshot-<seq>-<attempt>/}, a complete copy of the
 * shard's run directory, and {@code _SYNCED} inside it, written last: a snapshot without it is unfinished and ignored.
 * Readers take the complete snapshot with the highest sequence number; so a reader never sees a half-written state,
 * on any file system (no atomic rename needed), and a task killed mid-copy leaves the previous snapshot in force.
 * A snapshot copies the jsonl files up to their last whole line first, then the SQLite state through
 * {@code VACUUM INTO} (a consistent copy taken under a read transaction, while the run keeps writing): the cache is
 * then at least as new as the records, so every record's model calls are in it.
 *
 * <p>Two attempts of one shard (speculation, or a retry while the first attempt's executor still lives) take turns
 * through a lease, {@code shards/shard-N.lease}: the first to create it ({@code create(overwrite=false)}, which the
 * file system decides atomically) holds the shard; the other waits and then resumes from the holder's last snapshot,
 * so it pays for nothing the first attempt synced. This keeps {@link AttemptLock}'s guarantee where no OS lock
 * exists. The holder rewrites the lease at every sync; a lease not rewritten for {@link #leaseSeconds} belongs to a dead
 * attempt (a killed executor cannot delete it) and is taken over. An attempt that finds the lease taken from it stops
 * syncing and fails, and the snapshots are per attempt, so even two writers could not mix their files.
 */
final class ShardSync implements AutoCloseable {

  static final String DONE = "_SYNCED";
  private static final String PREFIX = "snapshot-";
  /** Local files not copied: the core's run lock, SQLite's side files (the snapshot is one consistent file). */
  private static final Set<String> SKIP = Set.of(".lock", "state.db", "state.db-wal", "state.db-shm",
      "state.db-journal");

  private final FileSystem fs;
  private final Path shared;
  private final Path lease;
  private final java.nio.file.Path local;
  private final String attempt;
  private final long intervalNanos;
  private final long leaseSeconds;
  private long seq;
  private long lastSync = System.nanoTime();
  private @Nullable Path current;
  private volatile @Nullable SynthkitException leaseLost;
  private final java.util.concurrent.ScheduledExecutorService timer;

  private ShardSync(FileSystem fs, Path shared, java.nio.file.Path local, long syncSeconds, long seq,
      @Nullable Path current) {
    this.fs = fs;
    this.shared = shared;
    this.lease = new Path(shared.getParent(), shared.getName() + ".lease");
    this.local = local;
    this.attempt = UUID.randomUUID().toString().substring(0, 8);
    this.intervalNanos = syncSeconds * 1_000_000_000L;
    this.leaseSeconds = Math.max(60, 4 * syncSeconds);
    this.seq = seq;
    this.current = current;
    this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "synthkit-shard-sync");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Takes the shard's lease (waiting for another live attempt to finish) and copies its last snapshot, if any, into
   * the local directory. Call {@link #start} once the shard's run begins.
   *
   * @param sharedFs the run directory on the shared file system
   * @param shard the shard's name, {@code shard-N}
   * @param local the shard's local run directory (created)
   * @param syncSeconds the least time between snapshots while the shard runs (0: at every progress tick)
   * @return the sync, holding the lease
   */
  static ShardSync open(SharedFs sharedFs, String shard, java.nio.file.Path local, long syncSeconds) {
    FileSystem fs = sharedFs.fs();
    Path shared = sharedFs.path("shards/" + shard);
    ShardSync sync = new ShardSync(fs, shared, local, syncSeconds, 0, null);
    sync.acquire();
    try {
      sync.copyIn();
    } catch (RuntimeException e) {
      sync.release();
      throw e;
    }
    return sync;
  }

  /**
   * The shard's newest complete snapshot.
   *
   * @param fs the file system
   * @param shared the shard's directory, {@code shards/shard-N}
   * @return the snapshot directory, or {@code null} when there is none
   */
  static @Nullable Path latest(FileSystem fs, Path shared) {
    try {
      if (!fs.exists(shared)) {
        return null;
      }
      List<Path> done = new ArrayList<>();
      for (FileStatus s : fs.listStatus(shared)) {
        if (s.isDirectory() && s.getPath().getName().startsWith(PREFIX) && fs.exists(new Path(s.getPath(), DONE))) {
          done.add(s.getPath());
        }
      }
      return done.stream().max(Comparator.comparing((Path p) -> seqOf(p)).thenComparing(Path::getName)).orElse(null);
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw SharedFs.failure("list", shared.toString(), e);
    }
  }

  private static long seqOf(Path snapshot) {
    String rest = snapshot.getName().substring(PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Starts snapshotting while the shard runs, on a thread of its own (not the run's: a snapshot must not be cut short
   * when the run ends and stops its threads), every sync interval (at least every half second).
   */
  void start() {
    long period = Math.max(500_000_000L, intervalNanos);
    timer.scheduleWithFixedDelay(this::periodic, period, period, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private void periodic() {
    if (leaseLost != null) {
      return;
    }
    try {
      sync();
    } catch (LeaseLost e) {
      leaseLost = e; // the run goes on; the task fails at its end rather than report a state it does not own
    } catch (SynthkitException e) {
      // a snapshot that failed leaves the previous one in force; the next one (or the final one) tries again
    }
  }

  /** Stops the periodic snapshots, waiting for one under way. */
  void stop() {
    timer.shutdown();
    try {
      timer.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the periodic snapshots and writes the final one.
   *
   * @throws SynthkitException when the snapshot could not be written or the lease was lost
   */
  void finish() {
    stop();
    SynthkitException f = leaseLost;
    if (f != null) {
      throw f;
    }
    sync();
  }

  /** The lease was taken over by another attempt. */
  static final class LeaseLost extends SynthkitException {
    private static final long serialVersionUID = 1L;

    LeaseLost(String message) {
      super(message, SynthkitException.EXIT_STORAGE);
    }
  }

  /** Writes one snapshot of the local state, then drops the older ones. */
  synchronized void sync() {
    checkLease();
    long next = seq + 1;
    Path snapshot = new Path(shared, String.format(Locale.ROOT, "%s%012d-%s", PREFIX, next, attempt));
    try {
      List<java.nio.file.Path> files;
      try (Stream<java.nio.file.Path> walk = Files.walk(local)) {
        files = walk.filter(Files::isRegularFile).filter(f -> !SKIP.contains(f.getFileName().toString())
            && !f.getFileName().toString().endsWith(".tmp")).toList();
      }
      for (java.nio.file.Path f : files) {
        long limit = f.getFileName().toString().endsWith(".jsonl") ? wholeLines(f) : -1;
        SharedFs.upload(fs, f, new Path(snapshot, local.relativize(f).toString().replace('\\', '/')), limit);
      }
      java.nio.file.Path db = local.resolve("state.db");
      if (Files.isRegularFile(db)) {
        java.nio.file.Path copy = local.resolveSibling(local.getFileName() + ".state-" + next + ".db");
        Files.deleteIfExists(copy);
        vacuumInto(db, copy);
        try {
          SharedFs.upload(fs, copy, new Path(snapshot, "state.db"), -1);
        } finally {
          Files.deleteIfExists(copy);
        }
      }
      try (OutputStream out = fs.create(new Path(snapshot, DONE), true)) {
        out.write(attempt.getBytes(StandardCharsets.UTF_8));
      }
      Path previous = current;
      seq = next;
      current = snapshot;
      lastSync = System.nanoTime();
      // older snapshots, and unfinished ones of attempts that died (the lease keeps live writers out)
      for (FileStatus s : fs.listStatus(shared)) {
        if (s.getPath().getName().startsWith(PREFIX) && !s.getPath().getName().equals(snapshot.getName())
            && (seqOf(s.getPath()) <= next || s.getPath().equals(previous))) {
          fs.delete(s.getPath(), true);
        }
      }
      touchLease();
    } catch (IOException e) {
      throw SharedFs.failure("snapshot the shard to", snapshot.toString(), e);
    }
  }

  /** The length of the file up to and including its last newline: a line being appended is left for the next sync. */
  private static long wholeLines(java.nio.file.Path f) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
      long pos = raf.length();
      while (pos > 0) {
        raf.seek(pos - 1);
        if (raf.read() == '\n') {
          return pos;
        }
        pos--;
      }
      return 0;
    }
  }

  private static void vacuumInto(java.nio.file.Path db, java.nio.file.Path copy) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new IOException("SQLite snapshot of " + db + " failed: " + e.getMessage(), e);
    }
  }

  private void copyIn() {
    for (int tries = 0; ; tries++) {
      Path snapshot = latest(fs, shared);
      try {
        Files.createDirectories(local);
        if (snapshot != null) {
          copyTree(snapshot, local);
          Files.deleteIfExists(local.resolve(DONE));
          seq = seqOf(snapshot);
          current = snapshot;
        }
        return;
      } catch (IOException | SynthkitException e) {
        if (tries >= 2) {
          throw e instanceof SynthkitException s ? s
              : SharedFs.failure("copy the shard from", String.valueOf(snapshot), (IOException) e);
        }
        // a snapshot removed while we copied it (a newer one replaced it): take the newest again
      }
    }
  }

  private void copyTree(Path from, java.nio.file.Path to) throws IOException {
    for (FileStatus s : fs.listStatus(from)) {
      java.nio.file.Path target = to.resolve(s.getPath().getName());
      if (s.isDirectory()) {
        Files.createDirectories(target);
        copyTree(s.getPath(), target);
      } else {
        SharedFs.download(fs, s.getPath(), target);
      }
    }
  }

  private void acquire() {
    while (true) {
      try (OutputStream out = fs.create(lease, false)) {
        out.write(attempt.getBytes(StandardCharsets.UTF_8));
        return;
      } catch (FileAlreadyExistsException e) {
        waitOrTakeOver();
      } catch (IOException e) {
        if (SharedFs.status(fs, lease) != null) {
          waitOrTakeOver(); // some file systems report an existing file as a plain IOException
        } else {
          throw SharedFs.failure("create the lease", lease.toString(), e);
        }
      }
    }
  }

  private void waitOrTakeOver() {
    FileStatus s = SharedFs.status(fs, lease);
    if (s != null && System.currentTimeMillis() - s.getModificationTime() > leaseSeconds * 1000) {
      try {
        fs.delete(lease, false); // a dead attempt's lease; create(overwrite=false) decides who takes it
      } catch (IOException e) {
        throw SharedFs.failure("take over the lease", lease.toString(), e);
      }
      return;
    }
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SynthkitException("interrupted while waiting for " + lease, SynthkitException.EXIT_INTERNAL, e);
    }
  }

  private @Nullable String holder() {
    try (InputStream in = fs.open(lease)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw SharedFs.failure("read the lease", lease.toString(), e);
    }
  }

  private void checkLease() {
    String h = holder();
    if (!attempt.equals(h)) {
      throw new LeaseLost("attempt " + attempt + " lost the lease " + lease + " to " + h
          + " (it was not renewed in time); the other attempt carries the shard on");
    }
  }

  private void touchLease() throws IOException {
    try (OutputStream out = fs.create(lease, true)) {
      out.write(attempt.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void release() {
    try {
      if (attempt.equals(holder())) {
        fs.delete(lease, false);
      }
    } catch (IOException | SynthkitException e) {
      // an unreleased lease expires after leaseSeconds
    }
  }

  /** Stops the snapshots and releases the lease (without a last snapshot: call {@link #finish} first for that). */
  @Override
  public void close() {
    stop();
    release();
  }
}
