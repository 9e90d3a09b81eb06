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

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.internal.PayloadCodec;

/**
 * A job name resolved to code by a {@link JobRegistry}: converts a payload's data to the handler's
 * type and calls it. Built once per name at registration; calls involve no reflection lookups.
 * Thread-safe.
 *
 * <p>Applications see it through {@link JobRegistry#find(String)} and {@link
 * JobRegistry#resolve(String)}, for {@link #name()} and {@link #dataType()}. {@link
 * #convert(Payload)}, {@link #fire(Job, Object)} and {@link #failed(Object, Throwable)} are how the
 * worker and the sync driver run the handler; an application does not need them.
 */
public final class RegisteredJob {
  private static final Logger LOG = LoggerFactory.getLogger(RegisteredJob.class);

  /** Calls the user's code with converted data. */
  interface Invoker {
    void fire(Job job, Object data) throws Exception;

    void failed(Object data, Throwable cause) throws Exception;
  }

  private final String name;
  private final JavaType dataType;
  private final ObjectReader reader;
  private final PayloadCodec codec;
  private final Invoker invoker;
  private final boolean deleteOnReturn;
  private final JobPolicy policy;

  RegisteredJob(
      String name,
      JavaType dataType,
      PayloadCodec codec,
      Invoker invoker,
      boolean deleteOnReturn,
      JobPolicy policy) {
    this.name = name;
    this.dataType = dataType;
    this.codec = codec;
    this.reader = codec.mapper().readerFor(dataType);
    this.invoker = invoker;
    this.deleteOnReturn = deleteOnReturn;
    this.policy = policy;
  }

  /**
   * The registered name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The type the payload's data is converted to: a {@link Class} for a plain type ({@code
   * Order.class}, {@code String[].class}), otherwise a type whose {@link Type#getTypeName()} names
   * the type arguments ({@code java.util.Map<java.lang.String, java.lang.Object>}), equal to what
   * reflection returns for that type.
   *
   * @return the handler's data type
   */
  public Type dataType() {
    return reflectType(dataType);
  }

  private static Type reflectType(JavaType type) {
    if (!type.hasGenericTypes()) {
      return type.getRawClass();
    }
    Type[] arguments = new Type[type.containedTypeCount()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = reflectType(type.containedType(i));
    }
    return new Parameterized(type.getRawClass(), arguments);
  }

  /**
   * A {@link ParameterizedType} equal to the JDK's own for the same type, so it compares with
   * reflection results.
   */
  private static final class Parameterized implements ParameterizedType {
    private final Class<?> raw;
    private final Type[] arguments;

    Parameterized(Class<?> raw, Type[] arguments) {
      this.raw = raw;
      this.arguments = arguments;
    }

    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return raw.getDeclaringClass();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType p
          && raw.equals(p.getRawType())
          && Objects.equals(getOwnerType(), p.getOwnerType())
          && Arrays.equals(arguments, p.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      StringJoiner args = new StringJoiner(", ", "<", ">");
      for (Type a : arguments) {
        args.add(a.getTypeName());
      }
      return raw.getName() + args;
    }
  }

  /**
   * Whether a handler that returns has succeeded and the worker deletes the job: true for the
   * simple style ({@link JobRegistry#handle(String, Class, DataHandler)}), false for think-queue's
   * style, where the handler deletes or releases the job itself.
   *
   * @return true if the job is deleted when the handler returns
   */
  public boolean deletesOnReturn() {
    return deleteOnReturn;
  }

  /**
   * How the worker retries this handler's jobs: the policy given at registration, else the
   * handler's own {@link JobHandler#policy()} (read once, at registration).
   *
   * @return the policy; {@link JobPolicy#WORKER_DEFAULTS} when the handler declares none
   */
  public JobPolicy policy() {
    return policy;
  }

  /**
   * Converts a payload's {@code data} to the handler's type without copying it first.
   *
   * @param payload the decoded payload
   * @return the converted data; {@code null} for JSON {@code null} (unless the type is primitive)
   * @throws PayloadException if the data does not fit the type (the message names the type, never
   *     the content)
   */
  public Object convert(Payload payload) {
    return convert(payload.dataNode());
  }

  /**
   * Converts a payload's data to the handler's type.
   *
   * @param data the {@code data} node; it is not modified
   * @return the converted data; {@code null} for JSON {@code null} (unless the type is primitive)
   * @throws PayloadException naming the job and the type when the data does not fit
   */
  public Object convert(JsonNode data) {
    Class<?> raw = dataType.getRawClass();
    if (JsonNode.class.isAssignableFrom(raw) && raw.isInstance(data)) {
      return data;
    }
    if (raw == RawJson.class) {
      try {
        return RawJson.of(codec.mapper().writeValueAsString(data));
      } catch (JsonProcessingException e) {
        throw new PayloadException("Cannot re-encode data of job '" + name + "'", e);
      }
    }
    if (data.isNull() && !dataType.isPrimitive()) {
      return null;
    }
    try {
      return reader.readValue(data);
    } catch (IOException | RuntimeException e) {
      throw new PayloadException(
          "Data of job '"
              + name
              + "' cannot be converted to "
              + dataType.toCanonical()
              + ": "
              + mismatch(e, data),
          withheld(e));
    }
  }

  /**
   * Where the data does not fit and what JSON type is there, never the value: Jackson's messages
   * quote it ({@code from String "S3cr3t"}), and data may be personal.
   */
  private static String mismatch(Exception e, JsonNode data) {
    if (!(e instanceof JsonMappingException)) {
      return e.getClass().getName();
    }
    JsonMappingException m = (JsonMappingException) e;
    StringBuilder path = new StringBuilder("data");
    JsonPointer pointer = JsonPointer.empty();
    for (JsonMappingException.Reference ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        path.append('.').append(ref.getFieldName());
        pointer = pointer.appendProperty(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
        pointer = pointer.appendIndex(ref.getIndex());
      }
    }
    JsonNode found = data.at(pointer);
    String expected =
        m instanceof MismatchedInputException
                && ((MismatchedInputException) m).getTargetType() != null
            ? ((MismatchedInputException) m).getTargetType().getTypeName()
            : null;
    return path
        + (found.isMissingNode()
            ? ""
            : " is a JSON " + found.getNodeType().name().toLowerCase(Locale.ROOT))
        + (expected == null ? "" : ", expected " + expected)
        + " ("
        + e.getClass().getSimpleName()
        + ")";
  }

  /** The mapping error's class and stack without its message, which quotes the data. */
  private static Exception withheld(Exception e) {
    LOG.debug("Data conversion error", e);
    Exception cause =
        new RuntimeException(e.getClass().getName() + " (message withheld: it may quote job data)");
    cause.setStackTrace(e.getStackTrace());
    return cause;
  }

  /**
   * Runs the handler on the calling thread.
   *
   * @param job the reserved job
   * @param data the data from {@link #convert(Payload)}
   * @throws Exception whatever the handler throws
   */
  public void fire(Job job, Object data) throws Exception {
    invoker.fire(job, data);
  }

  /**
   * Runs the handler's {@code failed} callback on the calling thread (nothing for the simple
   * style).
   *
   * @param data the data from {@link #convert(Payload)}
   * @param cause why the job failed
   * @throws Exception whatever the callback throws
   */
  public void failed(Object data, Throwable cause) throws Exception {
    invoker.failed(data, cause);
  }

  @Override
  public String toString() {
    return "RegisteredJob{" + name + ", data=" + dataType.toCanonical() + "}";
  }
}
