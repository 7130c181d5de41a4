package io.cairn.ops.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Records in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) read and
 * written as an outsider would, with nothing of Cairn's: the writer schema is fetched by id from
 * Cairn's {@code /schema-registry} (anonymous GETs are allowed) and Avro's generic API does the
 * rest. Not thread-safe.
 */
public final class WireRecords {
  private final String cairnUrl;
  private final Map<Integer, Schema> schemas = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  public WireRecords(String cairnUrl) {
    this.cairnUrl = cairnUrl;
  }

  /** A decoded record and the writer schema it names. */
  public record Decoded(int schemaId, Schema schema, GenericRecord record) {}

  public Decoded decode(byte[] wire) {
    ByteBuffer buffer = ByteBuffer.wrap(wire);
    if (buffer.get() != 0) {
      throw new AssertionError("no Confluent magic byte");
    }
    int id = buffer.getInt();
    Schema writer = schemas.computeIfAbsent(id, this::fetch);
    byte[] avro = new byte[buffer.remaining()];
    buffer.get(avro);
    try {
      GenericRecord record =
          new GenericDatumReader<GenericRecord>(writer)
              .read(null, DecoderFactory.get().binaryDecoder(avro, null));
      return new Decoded(id, writer, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same framing around {@code record}, written with {@code schema} under {@code id}. */
  public static byte[] encode(int id, Schema schema, GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** How many writer schemas were fetched so far. */
  public int schemasFetched() {
    return schemas.size();
  }

  private Schema fetch(int id) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(cairnUrl + "/schema-registry/schemas/ids/" + id))
                  .timeout(Duration.ofSeconds(30)) // a lost answer fails the test, never hangs it
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("schema " + id + ": " + r.statusCode() + " " + r.body());
      }
      return new Schema.Parser().parse(new JsonObject(r.body()).getString("schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
