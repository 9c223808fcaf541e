package io.synthkit.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The synthkit version, from the build. */
public final class Version {

  private static final String VERSION = load();

  private Version() {}

  /**
   * Returns the version.
   *
   * @return for example {@code 0.1.0}
   */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
