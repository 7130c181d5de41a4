package io.cairn.api.auth;

import io.cairn.api.sealing.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * only by the owner ({@link PrivateFiles}: never readable by others, not even while written).
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
      PrivateFiles.write(publicFile, pair.getPublic().getEncoded());
      PrivateFiles.write(privateFile, ((EdECPrivateKey) pair.getPrivate()).getEncoded());
      return pair;
    } catch (GeneralSecurityException e) {
      throw new IOException("token signing key in " + dir + " is unusable: " + e.getMessage(), e);
    }
  }
}
