package io.cairn.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code cairn bench --profile DIR}: one Flight Recorder file per measured load, with the JDK's
 * {@code profile} settings (execution and allocation samples), so a ratio between two loads can be
 * explained from where each spent its CPU rather than guessed. Off (no recording at all) without a
 * folder. Recording costs a few percent of throughput, the same for every load.
 */
final class LoadProfiler {
  private final Path dir;

  /** {@code dir} null: loads run unrecorded. */
  LoadProfiler(Path dir) {
    this.dir = dir;
  }

  /** Runs {@code load}, recording it to {@code DIR/name.jfr} when profiling. */
  <T> T record(String name, Callable<T> load) throws Exception {
    if (dir == null) {
      return load.call();
    }
    Map<String, String> settings = new HashMap<>(settings().getSettings());
    // The profile's 10-20 ms period gives ~150 samples a load: too few to see a 5% difference.
    settings.put("jdk.ExecutionSample#period", "1 ms");
    try (Recording recording = new Recording(settings)) {
      recording.setName(name);
      recording.start();
      T result = load.call();
      recording.stop();
      recording.dump(Files.createDirectories(dir).resolve(name + ".jfr"));
      return result;
    }
  }

  private static Configuration settings() throws IOException {
    try {
      return Configuration.getConfiguration("profile");
    } catch (ParseException e) {
      throw new IOException("the JDK's JFR profile settings do not parse", e);
    }
  }
}
