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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One worker process's run log: how often each job started ({@code S n}) and finished its work
 * ({@code D n}). A line cut short by a SIGKILL (no newline) is ignored.
 */
record RunLog(boolean ready, int[] starts, int[] dones) {

  static RunLog read(Path file, int jobs) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int[] starts = new int[jobs];
    int[] dones = new int[jobs];
    boolean ready = false;
    int from = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; from = nl + 1, nl = text.indexOf('\n', from)) {
      String line = text.substring(from, nl);
      if (line.equals("R")) {
        ready = true;
      } else if (line.length() > 2 && jobs > 0) {
        int n = Integer.parseInt(line.substring(2));
        if (line.charAt(0) == 'S') {
          starts[n]++;
        } else if (line.charAt(0) == 'D') {
          dones[n]++;
        }
      }
    }
    return new RunLog(ready, starts, dones);
  }

  /** Jobs that started here but never finished (in flight when the process died). */
  int inFlight() {
    int n = 0;
    for (int i = 0; i < starts.length; i++) {
      n += Math.max(0, starts[i] - dones[i]);
    }
    return n;
  }
}
