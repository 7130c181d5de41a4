package io.cairn.policy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the trust material users paste or upload: PEM {@code PUBLIC KEY} blocks (Cosign keys) and
 * PEM {@code CERTIFICATE} blocks (Notation trust stores). Every failure is a {@link
 * TrustMaterialException} saying what is wrong; text outside the blocks is ignored, as OpenSSL
 * does.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----");

  /** SubjectPublicKeyInfo algorithm OIDs accepted, with their JDK key factory. */
  private static final Map<String, String> KEY_ALGORITHMS =
      Map.of(
          "1.2.840.10045.2.1", "EC",
          "1.2.840.113549.1.1.1", "RSA",
          "1.3.101.112", "Ed25519");

  private Pem() {}

  /** The one ECDSA (P-256, P-384, P-521), RSA or Ed25519 public key in {@code pem}. */
  public static PublicKey publicKey(String pem) {
    List<Block> blocks = blocks(pem);
    if (blocks.size() != 1) {
      throw new TrustMaterialException(
          "expected exactly one PEM PUBLIC KEY block, found " + blocks.size() + " PEM blocks");
    }
    Block block = blocks.get(0);
    if (!block.label().equals("PUBLIC KEY")) {
      throw new TrustMaterialException(
          "not a PEM PUBLIC KEY block (found '"
              + block.label()
              + "')"
              + (block.label().endsWith("PRIVATE KEY")
                  ? ": upload the public key, never the private one"
                  : ""));
    }
    String oid;
    try {
      oid = SubjectPublicKeyInfo.algorithmOid(block.der());
    } catch (IllegalArgumentException e) {
      throw new TrustMaterialException(
          "public key is not a DER SubjectPublicKeyInfo: " + e.getMessage());
    }
    String algorithm = KEY_ALGORITHMS.get(oid);
    if (algorithm == null) {
      throw new TrustMaterialException(
          "unsupported key type (algorithm OID " + oid + "); use ECDSA, RSA or Ed25519");
    }
    PublicKey key;
    try {
      key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(block.der()));
    } catch (GeneralSecurityException e) {
      throw new TrustMaterialException(
          "unsupported or malformed " + algorithm + " public key: " + e.getMessage(), e);
    }
    if (key instanceof ECPublicKey ec) {
      checkCurvePoint(ec);
    }
    return key;
  }

  /** The JDK's key factory takes any coordinates; a point off the curve is not a key. */
  private static void checkCurvePoint(ECPublicKey key) {
    EllipticCurve curve = key.getParams().getCurve();
    int bits = curve.getField().getFieldSize();
    if (!(curve.getField() instanceof ECFieldFp field)
        || (bits != 256 && bits != 384 && bits != 521)) {
      throw new TrustMaterialException(
          "unsupported ECDSA curve of " + bits + " bits; use P-256, P-384 or P-521");
    }
    BigInteger p = field.getP();
    BigInteger x = key.getW().getAffineX();
    BigInteger y = key.getW().getAffineY();
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    if (x.signum() < 0
        || x.compareTo(p) >= 0
        || y.signum() < 0
        || y.compareTo(p) >= 0
        || !y.pow(2).mod(p).equals(right)) {
      throw new TrustMaterialException("malformed EC public key: the point is not on the curve");
    }
  }

  /** Every certificate in {@code pem}, in order; at least one. */
  public static List<X509Certificate> certificates(String pem) {
    List<Block> blocks = blocks(pem);
    if (blocks.isEmpty()) {
      throw new TrustMaterialException("no PEM CERTIFICATE block found");
    }
    List<X509Certificate> out = new ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (!block.label().equals("CERTIFICATE")) {
        throw new TrustMaterialException(
            "PEM block " + (i + 1) + " is not a CERTIFICATE (found '" + block.label() + "')");
      }
      out.add(certificate(block.der(), "certificate " + (i + 1)));
    }
    return out;
  }

  /** Parses one DER certificate; {@code what} names it in the error. */
  static X509Certificate certificate(byte[] der, String what) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TrustMaterialException(what + " could not be parsed: " + e.getMessage(), e);
    }
  }

  private static List<Block> blocks(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new TrustMaterialException("PEM text is empty");
    }
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    int end = 0;
    while (m.find()) {
      if (!m.group(1).equals(m.group(3))) {
        throw new TrustMaterialException(
            "PEM block BEGIN " + m.group(1) + " ends with END " + m.group(3));
      }
      blocks.add(new Block(m.group(1), base64(m.group(2), m.group(1))));
      end = m.end();
    }
    if (BEGIN.matcher(pem.substring(end)).find()) {
      throw new TrustMaterialException("PEM block has a BEGIN line but no matching END line");
    }
    if (blocks.isEmpty()) {
      throw new TrustMaterialException("no PEM block found (expected -----BEGIN …----- lines)");
    }
    return blocks;
  }

  private static byte[] base64(String body, String label) {
    String compact = body.replaceAll("\\s+", "");
    if (compact.contains(":")) {
      throw new TrustMaterialException(
          "PEM " + label + " block has headers (encrypted?); only unencrypted blocks are accepted");
    }
    try {
      byte[] der = Base64.getDecoder().decode(compact);
      if (der.length == 0) {
        throw new TrustMaterialException("PEM " + label + " block is empty");
      }
      return der;
    } catch (IllegalArgumentException e) {
      throw new TrustMaterialException(
          "PEM " + label + " block is not valid base64: " + e.getMessage());
    }
  }

  private record Block(String label, byte[] der) {}
}
