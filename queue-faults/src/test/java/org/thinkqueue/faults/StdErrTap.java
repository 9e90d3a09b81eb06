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
package org.thinkqueue.faults;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies what this JVM writes to {@code System.err} (slf4j-simple's output, looked up per message)
 * while open, and still lets it through. Used to count the worker's log lines during an outage.
 */
final class StdErrTap implements AutoCloseable {
  private static final Pattern POLL_LINE =
      Pattern.compile("(?m)^\\[(queue-poll-\\d+)\\] (?:WARN|ERROR) org\\.thinkqueue\\.[^\\n]*$");

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  StdErrTap() {
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            synchronized (copy) {
              copy.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            synchronized (copy) {
              copy.write(b, off, len);
            }
          }
        };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  String text() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  /** WARN and ERROR lines of the library's loggers on each worker's poll thread, by thread name. */
  Map<String, Integer> pollThreadWarnings() {
    Map<String, Integer> counts = new TreeMap<>();
    Matcher m = POLL_LINE.matcher(text());
    while (m.find()) {
      counts.merge(m.group(1), 1, Integer::sum);
    }
    return counts;
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }
}
