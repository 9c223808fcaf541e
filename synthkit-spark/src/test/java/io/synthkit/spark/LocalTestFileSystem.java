package io.synthkit.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A real Hadoop file system under a scheme of its own ({@code synthkittest:///abs/path}), backed by the local disk:
 * registered as {@code fs.synthkittest.impl}, it sends a run through the shared-file-system code path (the Hadoop API
 * only) where a {@code file:} URI would take the local fast path.
 */
public class LocalTestFileSystem extends RawLocalFileSystem {

  static final String SCHEME = "synthkittest";

  /** For Hadoop's reflection. */
  public LocalTestFileSystem() {}

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
