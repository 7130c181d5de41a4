package io.cairn.api.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The token-signing key: generated on first start and kept in the data directory, so tokens survive
 * a restart. Stored as the private and public key's standard encodings (PKCS#8, X.509), readable
 * only by the owner.
 */
public final class TokenKey {
  private TokenKey() {}

  public static KeyPair loadOrCreate(Path dir) throws IOException {
    Path privateFile = dir.resolve("token-signing.pk8");
    Path publicFile = dir.resolve("token-signing.pub");
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        return new KeyPair(
            factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
            factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
      }
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Files.createDirectories(dir);
      write(publicFile, pair.getPublic().getEncoded());
      write(privateFile, ((EdECPrivateKey) pair.getPrivate()).getEncoded());
      return pair;
    } catch (GeneralSecurityException e) {
      throw new IOException("token signing key in " + dir + " is unusable: " + e.getMessage(), e);
    }
  }

  /** Written under a temporary name and renamed, so a crash never leaves half a key. */
  private static void write(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // best effort on filesystems without POSIX permissions
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
