package io.synthkit.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.jspecify.annotations.Nullable;

/**
 * A real Hadoop file system under a scheme of its own ({@code synthkittest:///abs/path}), backed by the local disk:
 * registered as {@code fs.synthkittest.impl}, it sends a run through the shared-file-system code path (the Hadoop API
 * only) where a {@code file:} URI would take the local fast path. A test can make one file creation fail, as a
 * file system that drops out would.
 */
public class LocalTestFileSystem extends RawLocalFileSystem {

  static final String SCHEME = "synthkittest";

  /** The path pattern whose next creation fails ({@code null}: none). */
  private static volatile @Nullable String failOnce;

  /** For Hadoop's reflection. */
  public LocalTestFileSystem() {}

  /**
   * Makes the next creation of a file whose path matches {@code regex} fail.
   *
   * @param regex matched against the whole path
   */
  static void failOnce(@Nullable String regex) {
    failOnce = regex;
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    check(f);
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    check(f);
    return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
  }

  private static synchronized void check(Path f) throws IOException {
    String regex = failOnce;
    if (regex != null && f.toString().matches(regex)) {
      failOnce = null;
      throw new IOException("injected failure creating " + f);
    }
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
