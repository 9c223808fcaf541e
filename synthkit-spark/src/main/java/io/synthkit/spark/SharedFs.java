package io.synthkit.spark;

import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.jspecify.annotations.Nullable;

/**
 * A run directory on a Hadoop-compatible file system ({@code hdfs://}, {@code s3a://}, {@code abfs://}, ...), used only
 * through Hadoop's {@link FileSystem} API (the client Spark ships), and the few operations scale-out needs on it:
 * whole-file copies both ways and atomic replacement (write a temporary name, then rename).
 *
 * <p>Serializable so that a shard job can carry it to its executor: it holds the URI and the Hadoop configuration as
 * strings (the driver's, including any {@code fs.<scheme>.impl} and credentials set on the Spark context), and opens
 * the file system where it is used.
 *
 * @param root the run directory's URI, {@code <output_dir>/<name>}
 * @param conf the Hadoop configuration's entries
 */
record SharedFs(String root, Map<String, String> conf) implements Serializable {

  /** A scheme of two or more letters: {@code C:\runs} stays a (Windows) path. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

  /** Copies the map. */
  SharedFs {
    conf = Map.copyOf(conf);
  }

  /**
   * Whether an {@code output_dir} value is a URI with a scheme (rather than a local path).
   *
   * @param outputDir the value as the config gives it
   * @return true for {@code hdfs://...}, {@code file:///...}, ...
   */
  static boolean isUri(String outputDir) {
    return SCHEME.matcher(outputDir).matches();
  }

  /**
   * The run directory under an {@code output_dir} URI, checked: the scheme must have a Hadoop file system.
   *
   * @param outputDir e.g. {@code hdfs://namenode:8020/runs}
   * @param name the run's name
   * @param hadoop the Hadoop configuration (the Spark context's)
   * @return the run directory on that file system
   * @throws SynthkitException (exit 2) for a malformed URI or a scheme Hadoop has no file system for
   */
  static SharedFs of(String outputDir, String name, Configuration hadoop) {
    URI uri;
    try {
      uri = new URI(outputDir);
    } catch (URISyntaxException e) {
      throw SynthkitException.input("output_dir is not a valid URI: " + outputDir + " (" + e.getMessage() + ")");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    try {
      FileSystem.getFileSystemClass(scheme, hadoop);
    } catch (IOException e) {
      throw SynthkitException.input("output_dir " + outputDir + ": no Hadoop file system for the scheme '" + scheme
          + "' (put its connector on the class path, e.g. hadoop-aws for s3a, or set fs." + scheme + ".impl)");
    }
    Map<String, String> entries = new HashMap<>();
    hadoop.forEach(e -> entries.put(e.getKey(), e.getValue()));
    String root = outputDir.endsWith("/") ? outputDir + name : outputDir + "/" + name;
    return new SharedFs(root, entries);
  }

  /** Returns the file system, opened with the shipped configuration. */
  FileSystem fs() {
    Configuration c = new Configuration(false);
    conf.forEach(c::set);
    try {
      return new Path(root).getFileSystem(c);
    } catch (IOException e) {
      throw failure("open the file system of", root, e);
    }
  }

  /**
   * A path under the run directory.
   *
   * @param relative e.g. {@code shards/shard-0}
   * @return the path
   */
  Path path(String relative) {
    return new Path(root + "/" + relative);
  }

  /**
   * Copies a local file to the shared file system under a temporary name, then renames it into place, so a reader
   * sees the old file or the new one, never half of one. (Hadoop's rename does not replace: an existing file is
   * deleted first, which leaves a moment with no file; the merged files are only read after the run.)
   *
   * @param fs the file system
   * @param local the file to copy
   * @param target where it goes
   * @param limit bytes to copy from the start of the file ({@code -1}: all)
   */
  static void upload(FileSystem fs, java.nio.file.Path local, Path target, long limit) {
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      try (InputStream in = Files.newInputStream(local); OutputStream out = fs.create(tmp, false)) {
        copy(in, out, limit);
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename to " + target + " refused");
      }
    } catch (IOException e) {
      try {
        fs.delete(tmp, false);
      } catch (IOException ignored) {
        // the temporary name is ignored by every reader
      }
      throw failure("write", target.toString(), e);
    }
  }

  /**
   * Copies a file from the shared file system to a local file.
   *
   * @param fs the file system
   * @param source the file
   * @param local where it goes (its directory is created)
   */
  static void download(FileSystem fs, Path source, java.nio.file.Path local) {
    try {
      Files.createDirectories(local.toAbsolutePath().getParent());
      try (InputStream in = fs.open(source); OutputStream out = Files.newOutputStream(local)) {
        in.transferTo(out);
      }
    } catch (IOException e) {
      throw failure("read", source.toString(), e);
    }
  }

  /**
   * The file's status, or {@code null} when it does not exist.
   *
   * @param fs the file system
   * @param path the path
   * @return its status
   */
  static @Nullable FileStatus status(FileSystem fs, Path path) {
    try {
      return fs.exists(path) ? fs.getFileStatus(path) : null;
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw failure("read", path.toString(), e);
    }
  }

  private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
    if (limit < 0) {
      in.transferTo(out);
      return;
    }
    byte[] buf = new byte[64 * 1024];
    long left = limit;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  /**
   * A storage failure on the shared file system (exit 6).
   *
   * @param what the operation
   * @param where the path
   * @param e the cause
   * @return the exception to throw
   */
  static SynthkitException failure(String what, String where, IOException e) {
    return new SynthkitException("cannot " + what + " " + where + ": " + e, SynthkitException.EXIT_STORAGE, e);
  }
}
