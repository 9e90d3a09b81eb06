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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script loaded once from the classpath and run with EVALSHA, falling back to EVAL (which
 * caches it on the server) when the server answers NOSCRIPT, e.g. after a restart or failover.
 */
public final class RedisScript {
  private final String name;
  private final String source;
  private final String sha1;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1(source);
  }

  /**
   * Loads {@code org/thinkqueue/redis/<name>.lua}, after the given library scripts (local functions
   * it uses; Redis before 7 has no shared functions, so they go into the same chunk).
   */
  public static RedisScript load(String name, String... libraries) {
    StringBuilder source = new StringBuilder();
    for (String library : libraries) {
      source.append(read(library)).append('\n');
    }
    return new RedisScript(name, source.append(read(name)).toString());
  }

  private static String read(String name) {
    String path = "/org/thinkqueue/redis/" + name + ".lua";
    try (InputStream in = RedisScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing script resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read script resource " + path, e);
    }
  }

  public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args);
    }
  }

  /**
   * The same with binary keys and arguments, for members that must reach Redis byte for byte (a
   * payload that is not valid UTF-8 would not survive a String round trip); bulk replies come back
   * as {@code byte[]}.
   */
  public Object runBinary(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
    try {
      return redis.evalsha(sha1.getBytes(StandardCharsets.US_ASCII), keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source.getBytes(StandardCharsets.UTF_8), keys, args);
    }
  }

  public String name() {
    return name;
  }

  public String sha1() {
    return sha1;
  }

  public String source() {
    return source;
  }

  private static String sha1(String source) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
