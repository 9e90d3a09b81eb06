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

import java.util.Objects;
import org.thinkqueue.internal.PayloadCodec;

/**
 * JSON text to be written as a job's {@code data} byte for byte, without going through Jackson's
 * serializer. Use it to forward data that came from elsewhere (a PHP producer, a webhook body)
 * exactly as received. As a handler's data type, it receives the payload's data as JSON text.
 * Immutable.
 */
public final class RawJson {
  private final String json;

  private RawJson(String json) {
    this.json = json;
  }

  /**
   * Wraps JSON text after checking it is one well-formed value.
   *
   * @param json the JSON text
   * @return the wrapper
   * @throws PayloadException if {@code json} is not one well-formed JSON value
   * @throws NullPointerException if {@code json} is {@code null}
   */
  public static RawJson of(String json) {
    Objects.requireNonNull(json, "json");
    PayloadCodec.shared().requireJson(json);
    return new RawJson(json);
  }

  /**
   * The JSON text, exactly as given.
   *
   * @return the text
   */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawJson && ((RawJson) o).json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json;
  }
}
