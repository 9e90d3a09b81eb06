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

import java.time.Duration;
import java.util.Locale;

/**
 * Sizes of one bench run. {@code smoke} proves the harness works in seconds; {@code full} is the
 * issue's sizes.
 */
record Profile(
    String name,
    int enqueueJobs,
    int drainJobs,
    int[] drainThreads,
    int latencySamples,
    Duration steadyDuration,
    int delayedJobs,
    long delayedLeadMillis,
    int memoryBacklog,
    int limitRequests,
    int peerJobs,
    String peerThreads,
    Duration drainCap) {

  static Profile named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "smoke" ->
          new Profile(
              "smoke",
              300,
              300,
              new int[] {1, 8, 32},
              10,
              Duration.ofMillis(200),
              20,
              0,
              500,
              2_000,
              200,
              "8",
              Duration.ofSeconds(20));
      case "quick" ->
          new Profile(
              "quick",
              20_000,
              20_000,
              new int[] {1, 8, 32},
              500,
              Duration.ofSeconds(5),
              500,
              2_000,
              50_000,
              100_000,
              10_000,
              "1,8,32",
              Duration.ofSeconds(60));
      case "full" ->
          new Profile(
              "full",
              100_000,
              200_000,
              new int[] {1, 8, 32},
              2_000,
              Duration.ofSeconds(20),
              1_000,
              2_000,
              1_000_000,
              1_000_000,
              50_000,
              "1,8,32",
              Duration.ofSeconds(600));
      default ->
          throw new IllegalArgumentException(
              "unknown profile '" + name + "': smoke, quick or full");
    };
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "enqueue %,d jobs; drain %,d jobs; idle latency %,d samples; steady %,d ms; "
            + "delayed %,d jobs; memory backlog %,d; redis-benchmark -n %,d; peers %,d jobs; drain cap %d s",
        enqueueJobs,
        drainJobs,
        latencySamples,
        steadyDuration.toMillis(),
        delayedJobs,
        memoryBacklog,
        limitRequests,
        peerJobs,
        drainCap.toSeconds());
  }
}
