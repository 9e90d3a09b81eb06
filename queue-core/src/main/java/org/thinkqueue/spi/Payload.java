package org.thinkqueue.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * A decoded think-queue payload: the raw text as stored plus its JSON tree (field order and unknown fields kept).
 * Immutable; {@link #tree()} returns a copy-free view that callers must not modify.
 */
public final class Payload {
  private final String raw;
  private final ObjectNode tree;

  Payload(String raw, ObjectNode tree) {
    this.raw = raw;
    this.tree = tree;
  }

  /** The payload exactly as it was read. */
  public String raw() {
    return raw;
  }

  /** The JSON tree; do not modify. */
  public ObjectNode tree() {
    return tree;
  }

  /** The {@code job} field: the handler name. Never blank (decoding refuses such payloads). */
  public String job() {
    return tree.get("job").asText();
  }

  /** The {@code data} field, or a JSON null node when absent. */
  public JsonNode data() {
    JsonNode data = tree.get("data");
    return data == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : data;
  }

  /** The {@code id} field (Redis and memory payloads), or {@code null} when the payload has none (database rows). */
  public String id() {
    JsonNode id = tree.get("id");
    return id == null || id.isNull() ? null : id.asText();
  }

  /** The {@code attempts} field, when present and an integer. */
  public OptionalInt attempts() {
    return intField("attempts");
  }

  /** The {@code maxTries} field (3.x), when present and not null: it overrides the worker's {@code tries}. */
  public OptionalInt maxTries() {
    return intField("maxTries");
  }

  /** The {@code timeout} field (3.x) in seconds, when present and not null: it overrides the worker's timeout. */
  public OptionalInt timeout() {
    return intField("timeout");
  }

  /** The {@code timeoutAt} field (3.x object jobs) in Unix seconds, when present. */
  public java.util.OptionalLong timeoutAt() {
    JsonNode n = tree.get("timeoutAt");
    return n != null && n.canConvertToLong() && n.isNumber()
        ? java.util.OptionalLong.of(n.asLong()) : java.util.OptionalLong.empty();
  }

  private OptionalInt intField(String name) {
    JsonNode n = tree.get(name);
    return n != null && n.isNumber() && n.canConvertToInt() ? OptionalInt.of(n.asInt()) : OptionalInt.empty();
  }

  @Override
  public String toString() {
    return "Payload{job=" + job() + ", id=" + id() + "}";
  }
}
