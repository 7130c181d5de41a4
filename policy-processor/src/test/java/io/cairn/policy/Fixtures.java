package io.cairn.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the signature fixtures are. Cosign's are copied into the test resources; the Notary
 * Project's must not be committed, so they are read from the shared folder beside the checkout
 * ({@code ../../shared/fixtures/notation} from this module, surefire's working directory).
 */
final class Fixtures {
  static final Path NOTATION = Path.of("../../shared/fixtures/notation");
  static final String NOTATION_ABSENT = "skipped: ../shared/fixtures/notation absent";

  private Fixtures() {}

  static Path cosign() {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/cosign/cases.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean notationPresent() {
    return Files.isDirectory(NOTATION);
  }

  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
