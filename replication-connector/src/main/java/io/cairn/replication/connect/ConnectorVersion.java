package io.cairn.replication.connect;

/** The version Connect reports for the plugin: the module's, from its jar manifest. */
final class ConnectorVersion {
  static final String VERSION = version();

  private ConnectorVersion() {}

  private static String version() {
    String v = ConnectorVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
