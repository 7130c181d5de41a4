package io.cairn.ops.projection;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;

/**
 * RocksDB options for the projection's stores, which are many (one per {@link
 * io.cairn.projection.Store} per partition of the event topic: 78 with six partitions) and small.
 *
 * <p>RocksDB reserves 4 MiB of disk for the MANIFEST of every open store (fallocate, so the space
 * is allocated though the file holds a few hundred bytes): 78 stores held 323 MB on disk for 2.5 MB
 * of data until they were closed. A MANIFEST records only which SST files exist; a small one grows
 * in small steps and is rewritten when it reaches {@link #MAX_MANIFEST_BYTES}. The info log ({@code
 * LOG}, one per store) says nothing an operator acts on: warnings only, and few old ones.
 */
public final class SmallRocksDb implements RocksDBConfigSetter {
  static final long MANIFEST_PREALLOCATION_BYTES = 64 * 1024;
  static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
  private static final int KEPT_INFO_LOGS = 2;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setManifestPreallocationSize(MANIFEST_PREALLOCATION_BYTES);
    options.setMaxManifestFileSize(MAX_MANIFEST_BYTES);
    options.setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    options.setKeepLogFileNum(KEPT_INFO_LOGS);
  }

  @Override
  public void close(String storeName, Options options) {
    // Nothing was made here that needs closing: only sizes and levels were set.
  }
}
