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
package org.thinkqueue.bench;

import java.util.Arrays;
import java.util.Locale;

/** Nearest-rank percentiles of nanosecond samples, reported in milliseconds. */
final class Percentiles {
  private final long[] sorted;

  Percentiles(long[] samples, int count) {
    this.sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  double millis(double percentile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  double maxMillis() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f", v);
  }
}
