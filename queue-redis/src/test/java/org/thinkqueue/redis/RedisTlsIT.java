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
package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.ReservedJob;
import org.thinkqueue.testkit.ServiceLookup;

/**
 * TLS through the builder's own options, against a private redis-server on a free loopback port
 * with a self-signed certificate made for this run (SAN IP:127.0.0.1 only), which also serves as
 * the client certificate the server asks for. Skipped, loudly, where redis-server or openssl is
 * missing or redis-server was built without TLS; failed instead under {@code CI=true}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisTlsIT {
  private static final char[] STORE_PASSWORD = "tls-it-store".toCharArray();
  private static Path dir;
  private static Process server;
  private static int port;
  private static Path trustStore;
  private static Path keyStore;

  @BeforeAll
  static void startTlsServer() throws Exception {
    String redis = onPath("redis-server");
    String openssl = onPath("openssl");
    if (redis == null || openssl == null) {
      skip("redis-server or openssl is not on the PATH");
    }
    dir = Files.createTempDirectory("tq-redis-tls");
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    Process gen =
        new ProcessBuilder(
                openssl,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=think-queue-tls-it",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    if (!gen.waitFor(30, TimeUnit.SECONDS) || gen.exitValue() != 0) {
      skip("openssl could not make a certificate: " + Files.readString(dir.resolve("openssl.log")));
    }
    trustStore = dir.resolve("trust.p12");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry(
          "redis", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, STORE_PASSWORD);
    }
    // The server asks clients for a certificate (Redis' default, tls-auth-clients yes): the same
    // self-signed pair.
    keyStore = dir.resolve("client.p12");
    String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey privateKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    KeyStore client = KeyStore.getInstance("PKCS12");
    client.load(null, null);
    client.setKeyEntry(
        "client", privateKey, STORE_PASSWORD, new Certificate[] {trust.getCertificate("redis")});
    try (OutputStream out = Files.newOutputStream(keyStore)) {
      client.store(out, STORE_PASSWORD);
    }
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("redis.log");
    server =
        new ProcessBuilder(
                redis,
                "--port",
                "0",
                "--tls-port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--tls-cert-file",
                cert.toString(),
                "--tls-key-file",
                key.toString(),
                "--tls-ca-cert-file",
                cert.toString(),
                "--tls-auth-clients",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              String text = Files.exists(log) ? Files.readString(log) : "";
              if (!server.isAlive()) {
                if (text.toLowerCase().contains("tls")) {
                  skip("this redis-server cannot serve TLS: " + text.strip());
                }
                throw new IllegalStateException("redis-server exited: " + text);
              }
              return text.contains("Ready to accept connections");
            });
  }

  @AfterAll
  static void stopTlsServer() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void withTheTrustStoreJobsArePushedAndReserved() {
    try (RedisConnector c =
        RedisConnector.builder()
            .host("127.0.0.1")
            .port(port)
            .trustStore(trustStore, STORE_PASSWORD)
            .keyStore(keyStore, STORE_PASSWORD)
            .checkEviction(false)
            .build()) {
      String id =
          c.pushRaw(
              "tls",
              "{\"job\":\"T\",\"maxTries\":null,\"timeout\":null,\"data\":1,"
                  + "\"id\":\"TlsTlsTlsTlsTlsTlsTlsTlsTlsTls12\",\"attempts\":0}",
              Duration.ZERO);
      List<ReservedJob> jobs = c.pop("tls", 1);

      assertThat(id).isEqualTo("TlsTlsTlsTlsTlsTlsTlsTlsTlsTls12");
      assertThat(jobs).singleElement().satisfies(j -> assertThat(j.id()).isEqualTo(id));
      c.delete(jobs.get(0));
      assertThat(c.size("tls")).isEqualTo(new QueueSize(0, 0, 0));
      assertThat(c.wireFormat()).isEqualTo(WireFormat.V3);
    }
  }

  @Test
  void withoutAClientCertificateTheServerRefusesTheConnection() {
    ConnectionException e =
        catchThrowableOfType(
            ConnectionException.class,
            () ->
                RedisConnector.builder()
                    .host("127.0.0.1")
                    .port(port)
                    .trustStore(trustStore, STORE_PASSWORD)
                    .timeout(Duration.ofSeconds(2))
                    .build());

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("rediss://127.0.0.1:" + port);
  }

  @Test
  void withoutTheTrustStoreTheCertificateIsRefusedClearly() {
    ConnectionException e =
        catchThrowableOfType(
            ConnectionException.class,
            () ->
                RedisConnector.builder()
                    .uri("rediss://127.0.0.1:" + port + "/0")
                    .timeout(Duration.ofSeconds(2))
                    .build());

    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .contains("rediss://127.0.0.1:" + port)
        .containsIgnoringCase("certificate");
    assertThat(e.isTransient()).as("an untrusted certificate stays untrusted").isFalse();
  }

  @Test
  void hostNameVerificationIsOn() {
    // The certificate is trusted but names only IP 127.0.0.1: reaching the same server as
    // "localhost" must fail.
    ConnectionException e =
        catchThrowableOfType(
            ConnectionException.class,
            () ->
                RedisConnector.builder()
                    .host("localhost")
                    .port(port)
                    .trustStore(trustStore, STORE_PASSWORD)
                    .keyStore(keyStore, STORE_PASSWORD)
                    .timeout(Duration.ofSeconds(2))
                    .build());

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("localhost").containsIgnoringCase("localhost found");
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void plainTextClientIsNotAnsweredByTheTlsPort() {
    ConnectionException e =
        catchThrowableOfType(
            ConnectionException.class,
            () ->
                RedisConnector.builder()
                    .uri("redis://127.0.0.1:" + port + "/0")
                    .timeout(Duration.ofMillis(500))
                    .build());

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("127.0.0.1:" + port);
  }

  private static void skip(String reason) {
    if (ServiceLookup.shared().ci()) {
      fail(reason + " (failing because CI=true)");
    }
    System.err.println("[think-queue tests] SKIPPED RedisTlsIT: " + reason);
    Assumptions.abort(reason);
  }

  private static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      File f = new File(d, name);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
