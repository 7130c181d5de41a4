package io.cairn.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Cairn's version: the Maven project version, written into a resource by the build. */
final class Version {
  private static final String RESOURCE = "version.properties";

  private Version() {}

  /**
   * The version the build filtered in, e.g. {@code 0.1.0-SNAPSHOT}.
   *
   * @throws IllegalStateException if the resource is missing or was not filtered (a build that
   *     skipped Maven's resource processing)
   */
  static String current() {
    Properties props = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = props.getProperty("version", "");
    if (version.isEmpty() || version.startsWith("${")) {
      throw new IllegalStateException(RESOURCE + " was not filled in by the build: " + version);
    }
    return version;
  }
}
