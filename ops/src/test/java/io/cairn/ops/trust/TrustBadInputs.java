package io.cairn.ops.trust;

import static io.cairn.ops.trust.TrustRequests.key;
import static io.cairn.ops.trust.TrustRequests.keyBody;
import static io.cairn.ops.trust.TrustRequests.storeBody;
import static io.cairn.ops.trust.TrustRequests.wrap;

import io.cairn.ops.trust.TestCertificates.Issued;
import io.vertx.core.json.JsonObject;
import java.security.KeyPairGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The bad requests {@link TrustApiTest} sends, each as (what is wrong, body, part of the 400's
 * message). Every one must be refused with nothing stored.
 */
final class TrustBadInputs {
  private static final Issued ROOT = TestCertificates.rootCa("CN=Bad Inputs Root");

  private TrustBadInputs() {}

  static Stream<Arguments> keys() throws Exception {
    String keyA = key("keyA.pub");
    String keyB = key("keyB.pub");
    String privateKey =
        TestCertificates.pem(
            "PRIVATE KEY",
            KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded());
    return Stream.of(
        Arguments.of("no body", "", "a JSON object body is required"),
        Arguments.of("not JSON", "public_key=x", "the body is not a JSON object"),
        Arguments.of("an array", "[1]", "the body is not a JSON object"),
        Arguments.of("no name", "{\"public_key\":\"x\"}", "name is required"),
        Arguments.of("a number as name", "{\"name\":7}", "name is required and must be a string"),
        Arguments.of("a bad name", keyBody("-dash", keyA), "name must be 1-128 letters"),
        Arguments.of("a slash in the name", keyBody("a/b", keyA), "name must be 1-128 letters"),
        Arguments.of("no key", "{\"name\":\"k\"}", "public_key is required"),
        Arguments.of(
            "a key that is a list", "{\"name\":\"k\",\"public_key\":[1]}", "public_key is"),
        Arguments.of("no PEM", keyBody("k", "hello"), "no PEM block found"),
        Arguments.of(
            "garbage base64",
            keyBody("k", "-----BEGIN PUBLIC KEY-----\n!!not*base64\n-----END PUBLIC KEY-----\n"),
            "not valid base64"),
        Arguments.of(
            "base64 that is no key",
            keyBody("k", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
            "not a DER SubjectPublicKeyInfo"),
        Arguments.of(
            "a certificate",
            keyBody("k", ROOT.pem()),
            "not a PEM PUBLIC KEY block (found 'CERTIFICATE')"),
        Arguments.of("a private key", keyBody("k", privateKey), "never the private one"),
        Arguments.of(
            "an RSA private key",
            keyBody("k", privateKey.replace(" PRIVATE KEY", " RSA PRIVATE KEY")),
            "never the private one"),
        Arguments.of("two keys", keyBody("k", keyA + keyB), "expected exactly one"));
  }

  static Stream<Arguments> stores() throws Exception {
    String keyA = key("keyA.pub");
    String notACertificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    Issued leaf = TestCertificates.leaf("CN=Acme builder", ROOT);
    return Stream.of(
        Arguments.of("no body", "", "a JSON object body is required"),
        Arguments.of("not JSON", "{", "the body is not a JSON object"),
        Arguments.of("a colon in the name", storeBody("ca:x", "ca", ROOT.pem()), "name must be"),
        Arguments.of(
            "no store type",
            new JsonObject().put("name", "s").put("certificate", ROOT.pem()).encode(),
            "store_type is required"),
        Arguments.of("store type tsa", storeBody("s", "tsa", ROOT.pem()), "store_type must be"),
        Arguments.of("store type CA", storeBody("s", "CA", ROOT.pem()), "store_type must be"),
        Arguments.of(
            "no certificate",
            new JsonObject().put("name", "s").put("store_type", "ca").encode(),
            "certificate is required"),
        Arguments.of(
            "a public key",
            storeBody("s", "ca", keyA),
            "PEM block 1 is not a CERTIFICATE (found 'PUBLIC KEY')"),
        Arguments.of(
            "garbage base64",
            storeBody("s", "ca", "-----BEGIN CERTIFICATE-----\n%%%\n-----END CERTIFICATE-----"),
            "not valid base64"),
        Arguments.of(
            "a malformed certificate",
            storeBody("s", "ca", notACertificate),
            "certificate 1 could not be parsed"),
        Arguments.of(
            "a malformed second certificate",
            storeBody("s", "ca", ROOT.pem() + notACertificate),
            "certificate 2 could not be parsed"),
        Arguments.of(
            "a leaf a CA issued",
            storeBody("s", "ca", leaf.pem()),
            "certificate 1 (CN=Acme builder) is neither a CA certificate nor self-signed"));
  }

  static Stream<Arguments> policies() {
    String statement =
        "{\"name\":\"%s\",\"registryScopes\":[%s],\"signatureVerification\":{\"level\":\"%s\"},"
            + "\"trustStores\":[%s],\"trustedIdentities\":[\"*\"]}";
    String ok = String.format(statement, "a", "\"*\"", "strict", "\"ca:acme\"");
    return Stream.of(
        Arguments.of("no body", "", "must be a Notation trust policy document"),
        Arguments.of("not JSON", "version: 1.0", "trust policy is not valid JSON"),
        Arguments.of("an array", "[]", "trust policy must be a JSON object"),
        Arguments.of("no version", "{\"trustPolicies\":[" + ok + "]}", "version must be \"1.0\""),
        Arguments.of("no statements", "{\"version\":\"1.0\"}", "has no trustPolicies"),
        Arguments.of(
            "an unknown level",
            wrap(String.format(statement, "a", "\"*\"", "paranoid", "\"ca:acme\"")),
            "signatureVerification.level 'paranoid'"),
        Arguments.of(
            "two statements of one name",
            wrap(ok + "," + String.format(statement, "a", "\"lib/app\"", "strict", "\"ca:acme\"")),
            "two trust policy statements are named 'a'"),
        Arguments.of(
            "a field twice",
            "{\"version\":\"1.0\",\"version\":\"1.0\",\"trustPolicies\":[" + ok + "]}",
            "Duplicate field 'version'"),
        Arguments.of(
            "scopes that are a string",
            wrap(
                "{\"name\":\"a\",\"registryScopes\":\"*\",\"signatureVerification\":"
                    + "{\"level\":\"strict\"},\"trustStores\":[\"ca:acme\"],"
                    + "\"trustedIdentities\":[\"*\"]}"),
            "registryScopes that is not an array"),
        Arguments.of(
            "a store that is a number",
            wrap(String.format(statement, "a", "\"*\"", "strict", "7")),
            "trustStores entry that is not a string"),
        Arguments.of(
            "an unknown store type",
            wrap(String.format(statement, "a", "\"*\"", "strict", "\"x509:acme\"")),
            "use <ca|signingAuthority|tsa>:<name>"),
        Arguments.of(
            "a missing store",
            wrap(String.format(statement, "a", "\"*\"", "strict", "\"ca:ghost\"")),
            "'a' names trust store ca:ghost, which project "
                + TrustApiTest.REJECTS
                + " does not have"),
        Arguments.of(
            "a store of another type",
            wrap(String.format(statement, "a", "\"*\"", "strict", "\"signingAuthority:acme\"")),
            "its store acme is of type ca"),
        Arguments.of(
            "a timestamping store",
            wrap(String.format(statement, "a", "\"*\"", "strict", "\"ca:acme\",\"tsa:clock\"")),
            "Cairn keeps no tsa trust stores"));
  }
}
