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
package org.thinkqueue.redis.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.thinkqueue.spi.ReservedJob;

/**
 * A reservation: the popped string (think-queue's raw body) and the exact member ZADDed to {@code
 * :reserved}, which delete, release and extend hand back to Redis byte for byte.
 */
public final class RedisReservedJob extends ReservedJob {
  /** Only reads JSON string tokens: no payload, no type information. */
  private static final ObjectMapper TOKENS = new ObjectMapper();

  private static final int REPLY_FIELDS = 6;

  private final byte[] member;
  private final String id;

  private RedisReservedJob(String queue, String original, byte[] member, int attempts, String id) {
    super(queue, original, attempts);
    this.member = member;
    this.id = id;
  }

  /**
   * The jobs in {@code reserve.lua}'s reply: per job the original, the edit {@code from, to, text}
   * that makes the reserved member from it, this reservation's attempt number and the raw JSON
   * token of the top-level id.
   */
  public static List<ReservedJob> fromReserveReply(String queue, List<?> items) {
    List<ReservedJob> jobs = new ArrayList<>(items.size() / REPLY_FIELDS);
    for (int i = 0; i + REPLY_FIELDS - 1 < items.size(); i += REPLY_FIELDS) {
      byte[] original = (byte[]) items.get(i);
      byte[] member =
          edited(
              original,
              (Long) items.get(i + 1),
              (Long) items.get(i + 2),
              (byte[]) items.get(i + 3));
      long counted = items.get(i + 4) instanceof Long ? (Long) items.get(i + 4) : 1L;
      int attempts = (int) Math.max(1, Math.min(Integer.MAX_VALUE, counted));
      jobs.add(
          new RedisReservedJob(
              queue, text(original), member, attempts, idFromToken(text(items.get(i + 5)))));
    }
    return jobs;
  }

  /** The exact {@code :reserved} member as Redis holds it (not a copy: do not modify). */
  public byte[] member() {
    return member;
  }

  /**
   * The payload's top-level {@code id} as the reserve script found it; {@code null} if it has none.
   */
  @Override
  public String id() {
    return id;
  }

  /** "job ID" or "a job without a readable id", for messages. */
  public String describe() {
    return id == null ? "a job without a readable id" : "job " + id;
  }

  /**
   * The id from the reserve script's raw JSON token: a string's text, a number's digits, else null.
   */
  static String idFromToken(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    if (token.charAt(0) == '"') {
      if (token.length() < 2 || token.charAt(token.length() - 1) != '"') {
        return null;
      }
      if (token.indexOf('\\') < 0) {
        return token.length() == 2 ? null : token.substring(1, token.length() - 1);
      }
      try {
        String id = TOKENS.readValue(token, String.class);
        return id == null || id.isEmpty() ? null : id;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
    return token.matches("-?[0-9]{1,40}") ? token : null;
  }

  /**
   * The reserve script's edit: bytes {@code from..to} (1-based, inclusive; {@code from = 0}: none)
   * replaced.
   */
  private static byte[] edited(byte[] original, long from, long to, byte[] text) {
    if (from <= 0) {
      return original;
    }
    int head = (int) from - 1;
    int tail = (int) to;
    byte[] out = new byte[head + text.length + (original.length - tail)];
    System.arraycopy(original, 0, out, 0, head);
    System.arraycopy(text, 0, out, head, text.length);
    System.arraycopy(original, tail, out, head + text.length, original.length - tail);
    return out;
  }

  private static String text(Object o) {
    return o instanceof byte[] ? new String((byte[]) o, StandardCharsets.UTF_8) : (String) o;
  }
}
