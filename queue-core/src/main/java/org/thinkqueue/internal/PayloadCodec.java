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
package org.thinkqueue.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.Payload;
import org.thinkqueue.PayloadException;
import org.thinkqueue.RawJson;
import org.thinkqueue.WireFormat;

/**
 * Writes and reads think-queue payload JSON for both wire formats. Thread-safe; create one per
 * {@link ObjectMapper} and reuse it (all readers and writers are built once).
 *
 * <p>Writing puts the fields in the order PHP writes them ({@code job, [maxTries, timeout,] data,
 * [id, attempts]}). Reading accepts what PHP emits: {@code \/} and {@code \\uXXXX} escapes,
 * integers beyond 64 bits, and {@code []} where an object is expected.
 */
public final class PayloadCodec {
  private static final Logger LOG = LoggerFactory.getLogger(PayloadCodec.class);
  private static final PayloadCodec SHARED = new PayloadCodec(newObjectMapper());
  private static final String ATTEMPTS_KEY = "\"attempts\":";

  private final ObjectMapper mapper;
  private final ObjectReader treeReader;
  private final ObjectWriter writer;

  private PayloadCodec(ObjectMapper mapper) {
    this.mapper = mapper;
    this.treeReader =
        mapper
            .reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // RawJson is written verbatim into payloads: "{} x" must not pass as one value and
            // corrupt the payload.
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .forType(JsonNode.class);
    this.writer = mapper.writer();
  }

  /** The codec on this library's default {@link ObjectMapper} ({@link #newObjectMapper()}). */
  public static PayloadCodec shared() {
    return SHARED;
  }

  /**
   * A codec on the caller's mapper, for custom modules (Java time, Kotlin...). The mapper must not
   * have default typing enabled: a payload must never name a class to load.
   *
   * @throws ConfigurationException if default typing is on
   */
  public static PayloadCodec create(ObjectMapper mapper) {
    if (mapper.getSerializationConfig().getDefaultTyper(null) != null
        || mapper.getDeserializationConfig().getDefaultTyper(null) != null) {
      throw new ConfigurationException(
          "objectMapper",
          "default typing enabled",
          "payloads must never name classes to load; disable default typing");
    }
    return new PayloadCodec(mapper);
  }

  /**
   * A mapper configured the way PHP payloads need: unknown properties ignored, an empty JSON array
   * accepted where an object or map is expected (PHP encodes an empty array as {@code []}), default
   * typing off.
   */
  public static ObjectMapper newObjectMapper() {
    JsonMapper mapper =
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    mapper
        .coercionConfigFor(LogicalType.Map)
        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.AsEmpty);
    mapper
        .coercionConfigFor(LogicalType.POJO)
        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.AsEmpty);
    // Jackson's "empty" record calls the canonical constructor with nulls, which fails for
    // primitive components;
    // read [] as {} instead, so a record gets its defaults as it would from an empty object.
    SimpleModule emptyArrays = new SimpleModule("think-queue-empty-array-as-object");
    emptyArrays.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config,
              BeanDescription description,
              JsonDeserializer<?> deserializer) {
            return deserializer instanceof BeanDeserializerBase
                ? new EmptyArrayAsObject(deserializer)
                : deserializer;
          }
        });
    mapper.registerModule(emptyArrays);
    return mapper;
  }

  /** Reads PHP's {@code []} for an empty associative array as {@code {}} into a bean or record. */
  private static final class EmptyArrayAsObject extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    EmptyArrayAsObject(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new EmptyArrayAsObject(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.isExpectedStartArrayToken()) {
        return _delegatee.deserialize(p, ctxt);
      }
      JsonNode array = ctxt.readTree(p);
      JsonNode input = array.isEmpty() ? ctxt.getNodeFactory().objectNode() : array;
      try (JsonParser tree = input.traverse(p.getCodec())) {
        tree.nextToken();
        return _delegatee.deserialize(tree, ctxt);
      }
    }
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Serializes a job's data. {@link RawJson} is written verbatim.
   *
   * @throws PayloadException naming the job and the data type when Jackson cannot serialize it
   */
  public String dataToJson(String jobName, Object data) {
    if (data instanceof RawJson) {
      return ((RawJson) data).json();
    }
    try {
      return writer.writeValueAsString(data);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new PayloadException(
          "Cannot serialize the data of job '"
              + jobName
              + "' ("
              + (data == null ? "null" : data.getClass().getName())
              + ") to JSON: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Builds a payload in PHP's field order.
   *
   * @param dataJson JSON text of the data, written verbatim
   * @param maxTries written only for {@link WireFormat#V3} ({@code null} writes JSON null)
   * @param timeoutSeconds written only for {@link WireFormat#V3} ({@code null} writes JSON null)
   * @param id {@code null} to omit {@code id} and {@code attempts} (database payloads)
   * @param attempts the {@code attempts} value written after {@code id}
   */
  public String encode(
      WireFormat format,
      String job,
      String dataJson,
      Integer maxTries,
      Integer timeoutSeconds,
      String id,
      int attempts) {
    return encode(format, job, dataJson, maxTries, timeoutSeconds, Map.of(), id, attempts);
  }

  /**
   * Builds a payload in PHP's field order, with {@code extra} top-level string fields after {@code
   * data} and before {@code id} and {@code attempts} (so {@code attempts} stays last, where {@link
   * #withAttempts} edits it in place). With no extra field, the same bytes as without.
   *
   * @param extra field names and values, in order; names must not be the payload's own
   */
  public String encode(
      WireFormat format,
      String job,
      String dataJson,
      Integer maxTries,
      Integer timeoutSeconds,
      Map<String, String> extra,
      String id,
      int attempts) {
    return encode(format, job, dataJson, maxTries, timeoutSeconds, null, extra, id, attempts);
  }

  /**
   * {@link #encode(WireFormat, String, String, Integer, Integer, Map, String, int)} with
   * think-queue's retry deadline {@code timeoutAt} (Unix seconds) when it is not {@code null}: for
   * {@link WireFormat#V3} where PHP writes it (after {@code timeout}, before {@code data}); for
   * {@link WireFormat#V1}, which has no such field, as the first extra field after {@code data}
   * (PHP 1.x workers ignore it, Java workers honour it). With {@code null}, the same bytes as
   * without.
   */
  public String encode(
      WireFormat format,
      String job,
      String dataJson,
      Integer maxTries,
      Integer timeoutSeconds,
      Long timeoutAt,
      Map<String, String> extra,
      String id,
      int attempts) {
    StringBuilder sb = new StringBuilder(dataJson.length() + job.length() + 96);
    sb.append("{\"job\":\"");
    JsonStringEncoder.getInstance().quoteAsString(job, sb);
    sb.append('"');
    if (format == WireFormat.V3) {
      sb.append(",\"maxTries\":").append(maxTries == null ? "null" : maxTries.toString());
      sb.append(",\"timeout\":")
          .append(timeoutSeconds == null ? "null" : timeoutSeconds.toString());
      if (timeoutAt != null) {
        sb.append(",\"timeoutAt\":").append(timeoutAt.longValue());
      }
    }
    sb.append(",\"data\":").append(dataJson);
    if (timeoutAt != null && format != WireFormat.V3) {
      sb.append(",\"timeoutAt\":").append(timeoutAt.longValue());
    }
    for (Map.Entry<String, String> field : extra.entrySet()) {
      sb.append(",\"");
      JsonStringEncoder.getInstance().quoteAsString(field.getKey(), sb);
      sb.append("\":\"");
      JsonStringEncoder.getInstance().quoteAsString(field.getValue(), sb);
      sb.append('"');
    }
    if (id != null) {
      sb.append(",\"id\":\"");
      JsonStringEncoder.getInstance().quoteAsString(id, sb);
      sb.append("\",\"attempts\":").append(attempts);
    }
    return sb.append('}').toString();
  }

  /**
   * Reads a payload.
   *
   * <p>A refusal's message says what is wrong with the payload's structure (its length, the JSON
   * error's kind and position, the missing or mistyped field) and never quotes its content, which
   * may hold personal data; an excerpt is logged at DEBUG.
   *
   * @throws PayloadException if the text is not a JSON object with a non-blank string {@code job}
   */
  public Payload decode(String raw) {
    return Payload.parse(raw);
  }

  /**
   * Reads a payload's JSON tree: a fresh tree the caller owns. What {@link Payload#parse} is built
   * on.
   *
   * @throws PayloadException if the text is not a JSON object with a non-blank string {@code job}
   */
  public ObjectNode readPayloadTree(String raw) {
    if (raw == null) {
      throw new PayloadException("Payload is null");
    }
    JsonNode node;
    try {
      node = treeReader.readValue(raw);
    } catch (IOException | RuntimeException e) {
      throw refused(raw, "Payload is not valid JSON: " + jsonError(e, raw), e);
    }
    if (node == null || !node.isObject()) {
      throw refused(
          raw,
          "Payload is not a JSON object but " + typeOf(node) + " (" + raw.length() + " chars)",
          null);
    }
    JsonNode job = node.get("job");
    if (job == null || !job.isTextual() || job.asText().isBlank()) {
      String why =
          job == null
              ? "field 'job' is missing"
              : !job.isTextual()
                  ? "field 'job' is " + typeOf(job) + ", not a string"
                  : "field 'job' is blank";
      throw refused(raw, "Payload has no job name: " + why + " (" + raw.length() + " chars)", null);
    }
    return (ObjectNode) node;
  }

  /**
   * Validates that {@code json} is one JSON value.
   *
   * @throws PayloadException naming the JSON error's kind and position, without quoting the text
   */
  public void requireJson(String json) {
    try {
      treeReader.readValue(json);
    } catch (IOException | RuntimeException e) {
      throw refused(json, "Not valid JSON: " + jsonError(e, json), e);
    }
  }

  private static PayloadException refused(String raw, String message, Throwable cause) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}; excerpt: {}", message, abbreviate(raw));
    }
    // Jackson's own message quotes the offending token: keep it out of the cause chain's messages
    // too.
    return new PayloadException(message, cause == null ? null : new ContentFreeCause(cause));
  }

  /**
   * Describes a Jackson read error by its kind and position only: Jackson's messages quote the
   * offending token ("Unrecognized token 'S3cr3t'"), which may be payload content.
   */
  static String jsonError(Throwable e, String raw) {
    String kind = "malformed JSON";
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof JsonEOFException
        || m.startsWith("Unexpected end-of-input")
        || m.startsWith("No content to map")) {
      kind = raw.isBlank() ? "no content" : "unexpected end of input";
    } else if (e instanceof StreamConstraintsException) {
      kind = "a value exceeds a parser limit (" + e.getClass().getSimpleName() + ")";
    } else if (m.startsWith("Trailing token")) {
      kind = "more content after the first JSON value";
    } else if (m.startsWith("Unrecognized token")) {
      kind = "unrecognized token";
    } else if (m.startsWith("Unexpected character")) {
      kind = "unexpected character";
    } else if (m.startsWith("Illegal unquoted character")) {
      kind = "unescaped control character in a string";
    } else if (m.startsWith("Unrecognized character escape")
        || m.startsWith("Illegal character escape")) {
      kind = "invalid escape sequence";
    } else if (m.startsWith("Invalid numeric value") || m.startsWith("Numeric value")) {
      kind = "invalid number";
    } else if (m.startsWith("Invalid UTF") || m.contains("surrogate")) {
      kind = "invalid character encoding";
    } else if (m.startsWith("Duplicate field")) {
      kind = "duplicate field";
    }
    String where = "";
    if (e instanceof JsonProcessingException
        && ((JsonProcessingException) e).getLocation() != null) {
      JsonLocation at = ((JsonProcessingException) e).getLocation();
      where =
          " at line "
              + at.getLineNr()
              + ", column "
              + at.getColumnNr()
              + (at.getCharOffset() >= 0 ? " (char offset " + at.getCharOffset() + ")" : "");
    }
    return kind + where + " of " + raw.length() + " chars";
  }

  private static String typeOf(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "empty";
    }
    switch (node.getNodeType()) {
      case ARRAY:
        return "a JSON array";
      case OBJECT:
        return "a JSON object";
      case STRING:
        return "a JSON string";
      case NUMBER:
        return "a JSON number";
      case BOOLEAN:
        return "a JSON boolean";
      case NULL:
        return "JSON null";
      default:
        return "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Stands in for a Jackson read error in a {@link PayloadException}'s cause chain: keeps its class
   * name and stack trace, drops its message (which quotes payload content). The original is logged
   * at DEBUG.
   */
  static final class ContentFreeCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ContentFreeCause(Throwable original) {
      super(
          original.getClass().getName() + " (message withheld: it may quote payload content)",
          null,
          false,
          true);
      setStackTrace(original.getStackTrace());
      LOG.debug("JSON read error", original);
    }
  }

  /** The UTF-8 length of a payload, as stored. */
  public static int utf8Length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2;
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  /**
   * Returns {@code raw} with its top-level {@code attempts} set to {@code attempts}, editing the
   * number in place so every other byte stays as it was (PHP writes {@code attempts} last). Falls
   * back to a tree round trip that keeps numbers exact when the field is not the last one.
   */
  public String withAttempts(String raw, int attempts) {
    int end = raw.length() - 1;
    while (end >= 0 && Character.isWhitespace(raw.charAt(end))) {
      end--;
    }
    if (end > 0 && raw.charAt(end) == '}') {
      int digitsEnd = end;
      int i = end - 1;
      while (i >= 0 && Character.isWhitespace(raw.charAt(i))) {
        i--;
      }
      digitsEnd = i + 1;
      while (i >= 0 && Character.isDigit(raw.charAt(i))) {
        i--;
      }
      int digitsStart = i + 1;
      if (digitsStart < digitsEnd && isAttemptsKeyAt(raw, digitsStart - ATTEMPTS_KEY.length())) {
        return raw.substring(0, digitsStart) + attempts + raw.substring(digitsEnd);
      }
    }
    ObjectNode tree = readPayloadTree(raw);
    tree.put("attempts", attempts);
    try {
      return writer.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new PayloadException(
          "Cannot re-encode payload (" + raw.length() + " chars): " + e.getClass().getSimpleName(),
          new ContentFreeCause(e));
    }
  }

  /**
   * Reads the top-level {@code attempts} of a payload, from its tail when PHP's field order holds
   * (no parse), else from the parsed tree.
   *
   * @return the value, or empty if the payload has none or is not readable
   */
  public OptionalInt attemptsOf(String raw) {
    int end = raw.length() - 1;
    while (end >= 0 && Character.isWhitespace(raw.charAt(end))) {
      end--;
    }
    if (end > 0 && raw.charAt(end) == '}') {
      int i = end - 1;
      while (i >= 0 && Character.isWhitespace(raw.charAt(i))) {
        i--;
      }
      int digitsEnd = i + 1;
      while (i >= 0 && Character.isDigit(raw.charAt(i))) {
        i--;
      }
      int digitsStart = i + 1;
      int len = digitsEnd - digitsStart;
      if (len > 0 && len < 10 && isAttemptsKeyAt(raw, digitsStart - ATTEMPTS_KEY.length())) {
        return OptionalInt.of(Integer.parseInt(raw, digitsStart, digitsEnd, 10));
      }
    }
    try {
      return decode(raw).attempts();
    } catch (PayloadException e) {
      return OptionalInt.empty();
    }
  }

  // The quote at `at` must open a key (after a comma or an opening brace), not be an escaped quote
  // ending a longer
  // key such as "x\"attempts", which would otherwise be edited as if it were the top-level
  // attempts.
  private static boolean isAttemptsKeyAt(String raw, int at) {
    if (at < 1 || !raw.startsWith(ATTEMPTS_KEY, at)) {
      return false;
    }
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(raw.charAt(i))) {
      i--;
    }
    return i >= 0 && (raw.charAt(i) == ',' || raw.charAt(i) == '{');
  }

  static String abbreviate(String raw) {
    return raw.length() > 200 ? raw.substring(0, 200) + "...(" + raw.length() + " chars)" : raw;
  }
}
