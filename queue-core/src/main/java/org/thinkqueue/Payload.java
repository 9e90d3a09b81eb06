/*
 * Copyright 2026 the think-queue for Java authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.thinkqueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.thinkqueue.internal.PayloadCodec;

/**
 * A decoded think-queue payload: the raw text as stored plus its JSON tree (field order and unknown
 * fields kept). Immutable.
 */
public final class Payload {
  private final String raw;
  private final ObjectNode tree;

  Payload(String raw, ObjectNode tree) {
    this.raw = raw;
    this.tree = tree;
  }

  /**
   * Reads a think-queue payload. A refusal's message describes the structure only (length, the JSON
   * error's kind and position, the missing or mistyped field), never the content, which may hold
   * personal data.
   *
   * @param raw the payload text, as stored
   * @return the decoded payload
   * @throws PayloadException if the text is not a JSON object with a non-blank string {@code job}
   */
  public static Payload parse(String raw) {
    return new Payload(raw, PayloadCodec.shared().readPayloadTree(raw));
  }

  /**
   * The payload exactly as it was read.
   *
   * @return the raw JSON text
   */
  public String raw() {
    return raw;
  }

  /**
   * A top-level field other than the ones with their own accessor (an extra field a newer producer
   * added), as a copy the caller may keep.
   *
   * @param name the field's name
   * @return a copy of the field's value, or empty when absent
   */
  public Optional<JsonNode> field(String name) {
    JsonNode n = tree.get(name);
    return n == null ? Optional.empty() : Optional.of(n.deepCopy());
  }

  /**
   * A top-level string field, such as one a {@link org.thinkqueue.PushListener} added (e.g. {@code
   * traceparent}).
   *
   * @param name the field's name
   * @return its text, or empty when absent or not a JSON string
   */
  public Optional<String> stringField(String name) {
    JsonNode n = tree.get(name);
    return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
  }

  /**
   * The {@code job} field: the handler name.
   *
   * @return the name; never blank (decoding refuses such payloads)
   */
  public String job() {
    return tree.get("job").asText();
  }

  /**
   * The {@code data} field, as a copy the caller may keep or change.
   *
   * @return the data, or a JSON null node when absent
   */
  public JsonNode data() {
    return dataNode().deepCopy();
  }

  /**
   * The live {@code data} node, for {@link RegisteredJob#convert(Payload)}: read, never modified.
   */
  JsonNode dataNode() {
    JsonNode data = tree.get("data");
    return data == null ? NullNode.getInstance() : data;
  }

  /**
   * The {@code id} field (Redis and memory payloads).
   *
   * @return the id, or {@code null} when the payload has none (database rows)
   */
  public String id() {
    JsonNode id = tree.get("id");
    return id == null || id.isNull() ? null : id.asText();
  }

  /**
   * The {@code attempts} field as stored.
   *
   * @return the stored attempts, or empty when absent or not an integer
   */
  public OptionalInt attempts() {
    return intField("attempts");
  }

  /**
   * The {@code maxTries} field (3.x): it overrides the worker's {@code tries}.
   *
   * @return the tries, or empty when absent or null
   */
  public OptionalInt maxTries() {
    return intField("maxTries");
  }

  /**
   * The {@code timeout} field (3.x): it overrides the worker's timeout.
   *
   * @return the timeout in seconds, or empty when absent or null
   */
  public OptionalInt timeout() {
    return intField("timeout");
  }

  /**
   * The {@code timeoutAt} field (3.x object jobs).
   *
   * @return the deadline in Unix seconds, or empty when absent
   */
  public OptionalLong timeoutAt() {
    JsonNode n = tree.get("timeoutAt");
    return n != null && n.canConvertToLong() && n.isNumber()
        ? OptionalLong.of(n.asLong())
        : OptionalLong.empty();
  }

  private OptionalInt intField(String name) {
    JsonNode n = tree.get(name);
    return n != null && n.isNumber() && n.canConvertToInt()
        ? OptionalInt.of(n.asInt())
        : OptionalInt.empty();
  }

  @Override
  public String toString() {
    return "Payload{job=" + job() + ", id=" + id() + "}";
  }
}
