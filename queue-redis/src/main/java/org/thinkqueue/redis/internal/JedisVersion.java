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
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.ConfigurationException;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Jedis version on the classpath, checked before a client is built or used, so that a Jedis
 * older than queue-redis supports (Spring Boot's dependency management picks one) fails at start
 * with a message naming the versions instead of a {@link NoSuchMethodError} later. An unknown
 * version (a shaded or repackaged Jedis) is let through; a version newer than the newest tested one
 * gets one WARN.
 */
public final class JedisVersion {
  private static final Logger LOG = LoggerFactory.getLogger(JedisVersion.class);

  /** The oldest Jedis queue-redis runs on. */
  public static final String MINIMUM = "6.0.0";

  /** The newest major version tested (the build compiles against it). */
  static final int NEWEST_TESTED_MAJOR = 8;

  static final String SUPPORTED = "Jedis 6.0.0 or later (tested with 6.0, 7.0 and 8.0)";

  private static final String FIX =
      "Under Spring Boot's dependency management the jedis.version property sets it"
          + " (<jedis.version> in the Maven POM's <properties>, ext['jedis.version'] in Gradle);"
          + " elsewhere, depend on redis.clients:jedis directly.";

  private static volatile boolean checked;

  private JedisVersion() {}

  /**
   * Checks the Jedis on the classpath once per class loader.
   *
   * @throws ConfigurationException when it is older than {@link #MINIMUM}
   */
  public static void requireSupported() {
    if (!checked) {
      check(detected());
      checked = true;
    }
  }

  /**
   * Checks {@code version}, as {@link #detected()} reports it.
   *
   * @param version the version found, or {@code null} when unknown (let through)
   * @throws ConfigurationException when it is older than {@link #MINIMUM}
   */
  static void check(String version) {
    int[] v = parse(version);
    if (v == null) {
      LOG.debug(
          "Jedis version unknown ('{}'): not checked; queue-redis needs {}", version, SUPPORTED);
      return;
    }
    if (v[0] < 6) {
      throw new ConfigurationException(
          "Jedis " + version + " is on the classpath; queue-redis needs " + SUPPORTED + ". " + FIX);
    }
    if (v[0] > NEWEST_TESTED_MAJOR) {
      LOG.warn(
          "Jedis {} is on the classpath; queue-redis is tested with Jedis 6.0 to {}.x. If it fails"
              + " with a NoSuchMethodError, use a tested version. {}",
          version,
          NEWEST_TESTED_MAJOR,
          FIX);
    } else {
      LOG.debug("Jedis {} on the classpath", version);
    }
  }

  /**
   * The error for Jedis lacking a class or method queue-redis calls, naming the versions.
   *
   * @param e the {@link NoSuchMethodError}, {@link NoClassDefFoundError} or other linkage error
   * @return a configuration error with {@code e} as its cause
   */
  public static ConfigurationException incompatible(LinkageError e) {
    return incompatible(detected(), e);
  }

  static ConfigurationException incompatible(String version, LinkageError e) {
    ConfigurationException error =
        new ConfigurationException(
            "Jedis "
                + (version == null ? "(version unknown)" : version)
                + " on the classpath lacks what queue-redis calls ("
                + e
                + "); queue-redis needs "
                + SUPPORTED
                + ". "
                + FIX);
    error.initCause(e);
    return error;
  }

  /**
   * The version in the Jedis jar's {@code pom.properties} (what Jedis' own {@code JedisMetaInfo}
   * reads, which is not public), else its manifest's implementation version, else {@code null}.
   *
   * @return the version, or {@code null} when unknown
   */
  public static String detected() {
    ClassLoader loader = UnifiedJedis.class.getClassLoader();
    for (String resource :
        new String[] {
          "redis/clients/jedis/pom.properties", "META-INF/maven/redis.clients/jedis/pom.properties"
        }) {
      try (InputStream in =
          loader == null
              ? ClassLoader.getSystemResourceAsStream(resource)
              : loader.getResourceAsStream(resource)) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          String v = p.getProperty("version");
          if (v != null && !v.isBlank()) {
            return v.trim();
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("Cannot read {}: {}", resource, e.toString());
      }
    }
    Package p = UnifiedJedis.class.getPackage();
    return p == null ? null : p.getImplementationVersion();
  }

  /** {major, minor}, or {@code null} if {@code version} does not start with digits.digits. */
  static int[] parse(String version) {
    if (version == null) {
      return null;
    }
    String[] parts = version.trim().split("[.\\-]", 3);
    if (parts.length < 2) {
      return null;
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
