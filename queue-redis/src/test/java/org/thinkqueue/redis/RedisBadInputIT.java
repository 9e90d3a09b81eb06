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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinkqueue.ConfigurationException;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.FailedJob;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueDataException;
import org.thinkqueue.QueueManager;
import org.thinkqueue.QueueSize;
import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.ServiceLookup;
import org.thinkqueue.worker.Worker;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the driver does with servers it cannot use, URIs it cannot read and queue members that are
 * not jobs.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisBadInputIT extends RedisQueueFixture {
  private static final String PASSWORD = "secret";
  private final List<Process> servers = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();

  @AfterEach
  void stopServers() throws Exception {
    for (Process p : servers) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void unreachableServerFailsFastNamingTheAddress() {
    long start = System.nanoTime();
    ConnectionException e =
        catchThrowableOfType(
            ConnectionException.class,
            () ->
                RedisConnector.builder()
                    .uri("redis://127.0.0.1:1/0")
                    .timeout(Duration.ofMillis(500))
                    .build());

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("127.0.0.1:1").contains("Cannot reach Redis");
    assertThat(e.isTransient()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void serverThatNeverAnswersFailsWithinTheTimeout() throws Exception {
    // Accepts TCP connections (the kernel does, into the backlog) but never speaks RESP.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + silent.getLocalPort();
      long start = System.nanoTime();
      ConnectionException e =
          catchThrowableOfType(
              ConnectionException.class,
              () ->
                  RedisConnector.builder()
                      .uri("redis://" + address + "/0")
                      .timeout(Duration.ofMillis(300))
                      .build());

      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains(address);
      assertThat(e.isTransient()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void wrongPasswordIsRefusedNamingTheCredentialsAndIsNotTransient() throws Exception {
    int port = startRedisServer("--requirepass", PASSWORD);
    String address = "127.0.0.1:" + port;

    for (String password : new String[] {"wrong", null}) {
      RedisConnector.Builder b =
          RedisConnector.builder().host("127.0.0.1").port(port).timeout(Duration.ofSeconds(1));
      if (password != null) {
        b.password(password);
      }
      ConnectionException e = catchThrowableOfType(ConnectionException.class, b::build);
      assertThat(e).as("password %s", password).isNotNull();
      assertThat(e.getMessage()).contains(address).contains("credentials");
      assertThat(e.isTransient()).isFalse();
    }
    // The same server with the right password: the refusals above were about the password, nothing
    // else.
    try (RedisConnector ok =
        RedisConnector.builder().uri("redis://:" + PASSWORD + "@" + address + "/0").build()) {
      assertThat(ok.size("q")).isEqualTo(new QueueSize(0, 0, 0));
    }
  }

  @Test
  void evictingServerIsWarnedAbout() throws Exception {
    int port = startRedisServer("--maxmemory-policy", "allkeys-lru");
    String log =
        capturingStdErr(
            () -> {
              try (RedisConnector c =
                  RedisConnector.builder().host("127.0.0.1").port(port).build()) {
                assertThat(c.size("q").total()).isZero();
              }
            });
    assertThat(log).contains("WARN").contains("maxmemory-policy is 'allkeys-lru'");

    String quiet =
        capturingStdErr(
            () ->
                RedisConnector.builder()
                    .host("127.0.0.1")
                    .port(port)
                    .checkEviction(false)
                    .build()
                    .close());
    assertThat(quiet).doesNotContain("maxmemory-policy");
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void nonJsonMemberIsRecordedAsFailedAndTheWorkerGoesOn(WireFormat f) {
    String q = queue("bad-member");
    List<String> seen = new CopyOnWriteArrayList<>();
    QueueManager manager =
        manager(
            connector(f, RedisConnector.DEFAULT_RETRY_AFTER),
            new JobRegistry().handle("Known", String.class, seen::add));
    admin.rpush(ready(f, q), "not json");
    manager.push("Known", "after", q);
    Worker worker = build(worker(manager, q).maxJobs(2));

    assertThat(worker.run()).isEqualTo(Worker.EXIT_OK);

    assertThat(seen).containsExactly("after");
    List<FailedJob> failed = manager.failed().list(0, 10);
    assertThat(failed)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.payload()).isEqualTo("not json");
              assertThat(r.queue()).isEqualTo(q);
              assertThat(r.exception()).contains("JSON");
            });
    assertThat(admin.zrange(reserved(f, q), 0, -1)).doesNotContain("not json");
    assertThat(sizeOf(f, q)).isEqualTo(new QueueSize(0, 0, 0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://x", "http://x:6379/0", "redis://", "redis://127.0.0.1:notaport/0"})
  void malformedUriIsAConfigurationErrorNamingUri(String uri) {
    assertThatThrownBy(
            () -> RedisConnector.builder().uri(uri).timeout(Duration.ofMillis(200)).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).isEqualTo("uri");
              assertThat(e.getMessage()).contains("uri");
            });
  }

  @Test
  void malformedUriDoesNotShowItsPassword() {
    String log =
        capturingStdErr(
            () ->
                assertThatThrownBy(
                        () ->
                            RedisConnector.builder()
                                .uri("redis://u:S3cr3t@127.0.0.1:notaport/0")
                                .build())
                    .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> {
                          assertThat(e.setting()).isEqualTo("uri");
                          assertThat(e.getMessage())
                              .contains("redis://u:****@127.0.0.1:notaport/0")
                              .doesNotContain("S3cr3t");
                        }));
    assertThat(log).doesNotContain("S3cr3t");
  }

  @Test
  void wrongPasswordInTheUriIsNeitherInTheMessageNorInTheLog() throws Exception {
    int port = startRedisServer("--requirepass", PASSWORD);
    String log =
        capturingStdErr(
            () -> {
              ConnectionException e =
                  catchThrowableOfType(
                      ConnectionException.class,
                      () ->
                          RedisConnector.builder()
                              .uri("redis://u:Wr0ngS3cr3t@127.0.0.1:" + port + "/0")
                              .build());
              assertThat(e).isNotNull();
              assertThat(e.isTransient()).isFalse();
              assertThat(e.getMessage())
                  .contains("127.0.0.1:" + port)
                  .contains("credentials")
                  .doesNotContain("Wr0ngS3cr3t");
            });
    assertThat(log).doesNotContain("Wr0ngS3cr3t");
  }

  @Test
  void keyOfTheWrongTypeIsADataErrorNamingTheQueue() {
    String q = queue("wrongtype");
    RedisConnector connector = connector(WireFormat.V3, RedisConnector.DEFAULT_RETRY_AFTER);
    QueueManager manager =
        manager(connector, new JobRegistry().handle("Job", String.class, data -> {}));
    admin.set(ready(WireFormat.V3, q), "not a list");

    assertThatThrownBy(() -> manager.push("Job", "x", q))
        .isInstanceOf(QueueDataException.class)
        .isNotInstanceOf(ConnectionException.class)
        .hasMessageContaining(q)
        .hasMessageContaining("WRONGTYPE");
    assertThatThrownBy(() -> connector.pop(q, 1))
        .isInstanceOf(QueueDataException.class)
        .hasMessageContaining(q);
    assertThatThrownBy(() -> connector.size(q))
        .isInstanceOf(QueueDataException.class)
        .hasMessageContaining(q);
  }

  @Test
  void aDueTimeTheWireFormatCannotHoldIsRefusedThroughTheSpiAndOnReleaseWithNothingWritten() {
    String q = queue("latedue");
    RedisConnector connector = connector(WireFormat.V3, RedisConnector.DEFAULT_RETRY_AFTER);
    QueueManager manager =
        manager(connector, new JobRegistry().handle("Job", String.class, data -> {}));
    String payload =
        org.thinkqueue.internal.PayloadCodec.shared()
            .encode(WireFormat.V3, "Job", "\"x\"", null, null, WireFormat.V3.newJobId(), 0);
    String latest = Long.toString(org.thinkqueue.QueueConnection.LATEST_DUE_TIME.getEpochSecond());

    assertThatThrownBy(
            () -> connector.pushRaw(q, payload, java.time.Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(org.thinkqueue.InvalidDelayException.class)
        .hasMessageContaining(latest);
    assertThat(connector.size(q).total()).isZero();
    manager.push("Job", "x", q);
    org.thinkqueue.spi.ReservedJob job = connector.pop(q, 1).get(0);
    assertThatThrownBy(() -> connector.release(job, java.time.Duration.ofDays(365_000)))
        .isInstanceOf(org.thinkqueue.InvalidDelayException.class)
        .hasMessageContaining(latest);
    assertThat(connector.size(q).reserved()).as("still reserved, nothing moved").isEqualTo(1);
    connector.delete(job);
  }

  @Test
  void tlsOptionsWithAPlainUriOrAnUnreadableTrustStoreAreConfigurationErrors() {
    Path missing = Path.of("/nonexistent/truststore.p12");
    assertThatThrownBy(
            () -> RedisConnector.builder().uri("redis://127.0.0.1:6379/0").tls(true).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("uri"));
    assertThatThrownBy(
            () ->
                RedisConnector.builder()
                    .uri("rediss://127.0.0.1:6379/0")
                    .trustStore(missing, "Tru5tPa55".toCharArray())
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).isEqualTo("trustStore");
              assertThat(e.getMessage()).contains(missing.toString()).doesNotContain("Tru5tPa55");
            });
  }

  @Test
  void blankUriIsRefusedAtOnce() {
    assertThatThrownBy(() -> RedisConnector.builder().uri(" "))
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("uri"));
  }

  /**
   * Starts a throwaway redis-server on a free loopback port with no persistence; stopped after the
   * test.
   */
  private int startRedisServer(String... extra) throws Exception {
    String binary = findOnPath("redis-server");
    if (binary == null) {
      String reason =
          "redis-server is not on the PATH: cannot start a throwaway server for this test";
      if (ServiceLookup.shared().ci()) {
        fail(reason + " (failing because CI=true)");
      }
      System.err.println("[think-queue tests] SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("tq-redis-it");
    dirs.add(dir);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binary,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
    cmd.addAll(List.of(extra));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").toFile())
            .start();
    servers.add(p);
    int finalPort = port;
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (!p.isAlive()) {
                throw new IllegalStateException(
                    "redis-server exited: " + Files.readString(dir.resolve("log")));
              }
              return answersPing(finalPort, extra);
            });
    return port;
  }

  private static boolean answersPing(int port, String... args) {
    boolean auth = List.of(args).contains("--requirepass");
    try (Socket probe = new Socket()) {
      probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
    } catch (IOException e) {
      return false;
    }
    try (UnifiedJedis c =
        auth
            ? TestClients.standalone(
                java.net.URI.create("redis://:" + PASSWORD + "@127.0.0.1:" + port))
            : TestClients.standalone(java.net.URI.create("redis://127.0.0.1:" + port))) {
      return "PONG".equals(c.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }

  /** Runs {@code r} with System.err captured (slf4j-simple looks System.err up per message). */
  private static synchronized String capturingStdErr(Runnable r) {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(original);
    }
    String captured = buffer.toString(StandardCharsets.UTF_8);
    original.print(captured);
    return captured;
  }
}
