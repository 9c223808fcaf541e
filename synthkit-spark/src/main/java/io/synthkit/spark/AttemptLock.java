package io.synthkit.spark;

import io.synthkit.spi.RunStorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes two attempts of one shard take turns. Spark may run a task twice at once (speculation, or a retry while the
 * first attempt's executor is still alive); the shard's run directory admits one writer and refuses the other, which
 * would fail the task. Waiting instead lets the second attempt resume after the first: it then finds every completed
 * item in the shard's cache and pays for nothing twice. The file lock covers attempts in other JVMs (released by the
 * OS if the holder dies); the in-JVM lock covers attempts in the same executor, which a file lock cannot tell apart.
 */
final class AttemptLock implements AutoCloseable {

  private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private AttemptLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits until no other attempt holds the shard, then holds it.
   *
   * @param file the lock file, next to the shard's directory
   * @return the held lock
   * @throws RunStorageException when the lock file cannot be created
   */
  static AttemptLock acquire(Path file) {
    Path key = file.toAbsolutePath().normalize();
    ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
    local.lock();
    try {
      Files.createDirectories(key.getParent());
      FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        return new AttemptLock(local, ch, ch.lock());
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      local.unlock();
      throw new RunStorageException("cannot lock " + key + ": " + e.getMessage(), key, e);
    } catch (RuntimeException e) {
      local.unlock();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // closing the channel releases the lock anyway; nothing is left to do
    } finally {
      local.unlock();
    }
  }
}
