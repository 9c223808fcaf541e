package io.synthkit.spark.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Runs another class's {@code main} in a child JVM that halts as soon as its standard input reaches end of file. The
 * test JVM holds the write end of that pipe, so when it dies for any reason (even {@code kill -9}, or a surefire
 * timeout) the Spark master and workers it started die with it instead of lingering on a shared CI machine.
 */
public final class DieWithParent {

  private DieWithParent() {}

  /**
   * Entry point.
   *
   * @param args the main class to run, then its arguments
   * @throws Exception whatever the wrapped main throws
   */
  public static void main(String[] args) throws Exception {
    Thread watch = new Thread(DieWithParent::haltAtEndOfInput, "die-with-parent");
    watch.setDaemon(true);
    watch.start();
    Class.forName(args[0]).getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void haltAtEndOfInput() {
    InputStream in = System.in;
    byte[] buf = new byte[64];
    try {
      while (in.read(buf) >= 0) {
        // The parent never writes; anything read is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the parent is gone too.
    }
    Runtime.getRuntime().halt(137);
  }
}
