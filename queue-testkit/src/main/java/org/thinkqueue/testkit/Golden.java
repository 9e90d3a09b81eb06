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
package org.thinkqueue.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The golden captures of what PHP think-queue writes to Redis ({@code v1.txt} for think-queue 1.x,
 * {@code v3.txt} for 3.x): one member per step, keyed by the step label ({@code A1}, {@code
 * C3}...). A driver that claims wire compatibility writes and reads exactly these bytes.
 *
 * <p>queue-core's own tests keep a copy of this class: core cannot depend on the test kit (the kit
 * depends on core). The capture files themselves exist once, in queue-core's test resources, and
 * are packaged into this jar.
 */
public final class Golden {
  /** What {@code <ID>} is replaced with when a test needs a concrete payload. */
  public static final String SAMPLE_ID = "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEf";

  private static final Pattern STEP = Pattern.compile("^### ([A-Z][0-9]) .*");
  private static final Pattern MEMBER = Pattern.compile("^  (?:\\[0\\]|<t\\+\\d+>) (\\{.*\\})$");

  private Golden() {}

  /**
   * Step label to payload line (with the {@code <ID>} placeholder kept), in file order.
   *
   * @param file the capture, {@code v1.txt} or {@code v3.txt}
   * @return the first member of each step, keyed by its label
   * @throws IllegalArgumentException if there is no such capture
   * @throws IllegalStateException if the capture's layout is not the expected one
   */
  public static Map<String, String> members(String file) {
    Map<String, String> out = new LinkedHashMap<>();
    String step = null;
    for (String line : read(file).split("\n", -1)) {
      Matcher s = STEP.matcher(line);
      if (s.matches()) {
        step = s.group(1);
        continue;
      }
      Matcher m = MEMBER.matcher(line);
      if (m.matches()) {
        if (step == null || out.putIfAbsent(step, m.group(1)) != null) {
          throw new IllegalStateException("Unexpected golden layout in " + file + " at: " + line);
        }
      }
    }
    return out;
  }

  /**
   * One step's payload with {@code <ID>} replaced by {@code id}.
   *
   * @param file the capture, {@code v1.txt} or {@code v3.txt}
   * @param step the step label, e.g. {@code A1}
   * @param id the job id to put in, e.g. {@link #SAMPLE_ID}
   * @return the payload exactly as PHP think-queue wrote it, apart from the id
   * @throws IllegalArgumentException if there is no such capture or step
   */
  public static String member(String file, String step, String id) {
    String m = members(file).get(step);
    if (m == null) {
      throw new IllegalArgumentException("No step " + step + " in " + file);
    }
    return m.replace("<ID>", id);
  }

  private static String read(String file) {
    try (InputStream in = Golden.class.getResourceAsStream("/org/thinkqueue/golden/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("No golden file " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
