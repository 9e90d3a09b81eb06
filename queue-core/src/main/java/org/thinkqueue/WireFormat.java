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

import java.util.concurrent.ThreadLocalRandom;

/**
 * Which generation of PHP think-queue the data layout matches. The two differ in keys, payload
 * fields, columns and how {@code attempts} is counted; a connector speaks exactly one of them.
 */
public enum WireFormat {
  /**
   * think-queue 1.x/2.x (ThinkPHP 5). Redis keys {@code queues:NAME}; payload {@code job, data, id,
   * attempts} with attempts 1 at push, bumped on release and on reservation expiry; DB columns
   * {@code reserved, reserved_at, available_at, created_at}.
   */
  V1,
  /**
   * think-queue 3.x (ThinkPHP 6/8). Redis keys {@code {queues:NAME}} (one Cluster hash slot);
   * payload {@code job, maxTries, timeout, data, id, attempts} with attempts 0 at push and bumped
   * into the reserved copy; DB columns {@code reserve_time, available_time, create_time}. The
   * default.
   */
  V3;

  private static final char[] LETTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
  private static final char[] ALNUM =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

  /*
   * think-queue's attempt rules, in the one place every driver reads them from. PHP writes attempts 1 at push in
   * 1.x and bumps the stored count when a job is released or its reservation expires; 3.x writes 0 and bumps the
   * reserved copy at reservation. A handler always sees the number of the attempt it runs (1 on the first run).
   */

  /**
   * The {@code attempts} a newly pushed job carries, and what a retried failed job restarts at.
   *
   * @return 1 for 1.x, 0 for 3.x
   */
  public int initialAttempts() {
    return this == V1 ? 1 : 0;
  }

  /**
   * Whether reserving a job counts an attempt (3.x), rather than releasing it or its lease expiring
   * (1.x).
   *
   * @return true for 3.x
   */
  public boolean bumpsOnReserve() {
    return this == V3;
  }

  /**
   * Whether releasing a job, or its reservation expiring, counts an attempt in the stored job
   * (1.x).
   *
   * @return true for 1.x
   */
  public boolean bumpsOnRelease() {
    return this == V1;
  }

  /**
   * The attempt number a handler sees for a job whose stored {@code attempts} is {@code stored}
   * when it is reserved: 3.x counts this reservation ({@code stored + 1}); 1.x stored it already
   * (at least 1).
   *
   * @param stored the {@code attempts} stored with the job
   * @return the attempt number, 1 or more
   */
  public int attemptOnReserve(int stored) {
    return this == V3 ? Math.max(stored, 0) + 1 : Math.max(stored, 1);
  }

  /**
   * A new job id as PHP writes it: 32 random letters (3.x) or letters and digits (1.x).
   * Thread-safe.
   *
   * @return the id
   */
  public String newJobId() {
    char[] alphabet = this == V1 ? ALNUM : LETTERS;
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] id = new char[32];
    for (int i = 0; i < id.length; i++) {
      id[i] = alphabet[r.nextInt(alphabet.length)];
    }
    return new String(id);
  }
}
