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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.thinkqueue.testkit.ServiceAddress;
import org.thinkqueue.testkit.ServiceUnavailableException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Gives cluster ITs a real 3-master, 3-replica Redis Cluster, once per JVM. Order, as the other
 * services' lookup: {@value #ENV_VAR} names a cluster to use as it is; else a healthy cluster
 * already on ports 7000-7005 is reused; else this starts one there with the local {@code
 * redis-server}/{@code redis-cli} (shared/services.md) in a temp dir, and stops it when the test
 * run ends (JUnit closes the root store).
 *
 * <p>When no cluster can be had, the class is skipped with a reason printed once to stderr, or
 * fails under {@code CI=true}, like {@code @RequiresService}. Tests use unique queue names, so the
 * cluster is not flushed.
 */
public final class RedisClusterExtension implements ExecutionCondition {
  static final String ENV_VAR = "QUEUE_REDIS_CLUSTER_URL";
  static final int FIRST_PORT = 7000;
  static final int NODES = 6;

  /**
   * Marks the dirs of clusters this extension started, so a run can tell its own leftovers from a
   * user's cluster.
   */
  static final String DIR_PREFIX = "think-queue-redis-cluster-";

  private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisClusterExtension.class);

  private static volatile Cluster cluster;

  /**
   * Seed nodes of the cluster the current tests run against; only valid inside a class using this
   * extension.
   */
  public static Set<HostAndPort> nodes() {
    Cluster c = cluster;
    if (c == null || c.failure != null) {
      throw new IllegalStateException(
          "no Redis Cluster: use @ExtendWith(RedisClusterExtension.class)");
    }
    return c.seeds;
  }

  /** A new cluster client; the caller closes it. */
  public static UnifiedJedis newClient() {
    return TestClients.cluster(nodes());
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Cluster c =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(
                Cluster.class, k -> Cluster.provide(System.getenv(), System.err), Cluster.class);
    cluster = c;
    if (c.failure == null) {
      return ConditionEvaluationResult.enabled("Redis Cluster at " + c.seeds);
    }
    if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim())) {
      throw new ServiceUnavailableException(
          c.failure + " Failing because CI=true: CI must run every integration test.");
    }
    return ConditionEvaluationResult.disabled(
        c.failure + " Tests that need it are SKIPPED (under CI=true they fail).");
  }

  /** The cluster of this JVM: either usable ({@code failure == null}) or the reason it is not. */
  static final class Cluster implements AutoCloseable {
    final Set<HostAndPort> seeds;
    final String failure;
    private final Path dir;
    private final List<Integer> ownedPorts;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Cluster(Set<HostAndPort> seeds, String failure, Path dir, List<Integer> ownedPorts) {
      this.seeds = seeds;
      this.failure = failure;
      this.dir = dir;
      this.ownedPorts = ownedPorts;
    }

    static Cluster provide(Map<String, String> env, PrintStream warnings) {
      Cluster c = lookUp(env);
      if (c.failure != null) {
        warnings.println("[think-queue tests] " + c.failure);
        warnings.flush();
      } else if (!c.ownedPorts.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(c::close, "redis-cluster-stop"));
      }
      return c;
    }

    private static Cluster lookUp(Map<String, String> env) {
      String fromEnv = env.get(ENV_VAR);
      if (fromEnv != null && !fromEnv.isBlank()) {
        ServiceAddress a = ServiceAddress.parse(fromEnv, FIRST_PORT);
        HostAndPort seed = new HostAndPort(a.host(), a.port());
        String unhealthy = unhealthy(List.of(seed));
        return unhealthy == null
            ? usable(Set.of(seed), null, List.of())
            : unusable(
                "Redis Cluster at "
                    + ENV_VAR
                    + "="
                    + fromEnv
                    + " is not usable: "
                    + unhealthy
                    + ". Start it "
                    + "or unset "
                    + ENV_VAR
                    + " to let the tests start one on 127.0.0.1:7000-7005.");
      }
      List<HostAndPort> defaults = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        defaults.add(new HostAndPort("127.0.0.1", FIRST_PORT + i));
      }
      Set<HostAndPort> seeds = new LinkedHashSet<>(defaults);
      String unhealthy = unhealthy(defaults);
      if (unhealthy == null) {
        // A cluster left by a run that was killed is ours to stop; anyone else's is only borrowed.
        Path leftover = ourDir(defaults.get(0));
        return usable(seeds, leftover, leftover == null ? List.of() : ports());
      }
      String taken = clearPorts(defaults);
      if (taken != null) {
        return unusable(
            "Cannot start a Redis Cluster on 127.0.0.1:7000-7005: "
                + taken
                + ". Free the ports or set "
                + ENV_VAR
                + " to a running cluster, e.g. "
                + ENV_VAR
                + "=redis://127.0.0.1:7000.");
      }
      if (!onPath("redis-server") || !onPath("redis-cli")) {
        return unusable(
            "Redis Cluster tests need redis-server and redis-cli on the PATH to start a cluster on "
                + "127.0.0.1:7000-7005 (apt-get install redis-server), or "
                + ENV_VAR
                + " set to a running cluster, e.g. "
                + ENV_VAR
                + "=redis://127.0.0.1:7000.");
      }
      return start(seeds);
    }

    private static Cluster usable(Set<HostAndPort> seeds, Path dir, List<Integer> owned) {
      return new Cluster(Set.copyOf(seeds), null, dir, owned);
    }

    private static Cluster unusable(String why) {
      return new Cluster(Set.of(), why, null, List.of());
    }

    private static Cluster start(Set<HostAndPort> seeds) {
      Path dir;
      try {
        dir = Files.createTempDirectory(DIR_PREFIX);
      } catch (IOException e) {
        return unusable("Cannot create a temp dir for a Redis Cluster: " + e);
      }
      Cluster c = usable(seeds, dir, ports());
      try {
        long t0 = System.nanoTime();
        for (int port : ports()) {
          Path d = Files.createDirectories(dir.resolve(Integer.toString(port)));
          run(
              List.of(
                  "redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--cluster-enabled",
                  "yes",
                  "--cluster-config-file",
                  d.resolve("nodes.conf").toString(),
                  "--dir",
                  d.toString(),
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--daemonize",
                  "yes",
                  "--logfile",
                  d.resolve("log").toString()));
        }
        List<HostAndPort> nodes = List.copyOf(seeds);
        waitUntil(() -> nodes.stream().allMatch(RedisClusterExtension::pings), "nodes answer PING");
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> create.add(n.toString()));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(create);
        waitUntil(() -> unhealthy(nodes) == null, "cluster_state:ok with all slots on every node");
        System.err.printf(
            "[think-queue tests] Started a Redis Cluster on 127.0.0.1:7000-7005 in %d ms (%s)%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dir);
        return c;
      } catch (IOException | RuntimeException e) {
        c.close();
        return unusable(
            "Could not start a Redis Cluster on 127.0.0.1:7000-7005: "
                + e.getMessage()
                + " (node logs in "
                + dir
                + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        c.close();
        return unusable("Interrupted while starting a Redis Cluster");
      }
    }

    /** Stops the nodes this run started (or inherited from a killed run of ours). Idempotent. */
    @Override
    public void close() {
      if (!closed.compareAndSet(false, true) || ownedPorts.isEmpty()) {
        return;
      }
      for (int port : ownedPorts) {
        try {
          run(List.of("redis-cli", "-p", Integer.toString(port), "shutdown", "nosave"));
        } catch (IOException | RuntimeException e) {
          // not running (never started, or already gone)
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      deleteTree(dir);
    }
  }

  /**
   * Null if every node (the given ones and all the cluster knows of) says the cluster is ok, else
   * why not.
   */
  static String unhealthy(List<HostAndPort> nodes) {
    Set<HostAndPort> all = new LinkedHashSet<>(nodes);
    try (Jedis first = admin(nodes.get(0))) {
      for (String line : first.clusterNodes().split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length > 7
            && !f[2].contains("fail")
            && !f[2].contains("noaddr")
            && f[7].equals("connected")) {
          String addr = f[1].split("@")[0];
          int colon = addr.lastIndexOf(':');
          all.add(
              new HostAndPort(
                  addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1))));
        }
      }
    } catch (JedisException | NumberFormatException e) {
      return nodes.get(0) + ": " + String.valueOf(e.getMessage()).replaceAll("\\.+$", "");
    }
    for (HostAndPort n : all) {
      try (Jedis j = admin(n)) {
        String info = j.clusterInfo();
        if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:16384")) {
          return n
              + " reports "
              + info.lines()
                  .filter(l -> l.startsWith("cluster_state") || l.startsWith("cluster_slots_ok"))
                  .toList();
        }
      } catch (JedisException e) {
        return n + ": " + String.valueOf(e.getMessage()).replaceAll("\\.+$", "");
      }
    }
    return null;
  }

  /**
   * Shuts down nodes on our ports left by a killed run of ours; null if the ports are then free,
   * else why not.
   */
  private static String clearPorts(List<HostAndPort> nodes) {
    List<String> taken = new ArrayList<>();
    for (HostAndPort n : nodes) {
      if (!org.thinkqueue.testkit.ServiceLookup.tcpConnect(n.getHost(), n.getPort())) {
        continue;
      }
      Path ours = ourDir(n);
      if (ours == null) {
        taken.add(n.getPort() + " is in use by something that is not a healthy cluster");
        continue;
      }
      try (Jedis j = admin(n)) {
        j.shutdown();
      } catch (JedisException e) {
        // shutdown closes the connection
      }
      try {
        waitUntil(
            () -> !org.thinkqueue.testkit.ServiceLookup.tcpConnect(n.getHost(), n.getPort()),
            n + " is free");
      } catch (IOException e) {
        taken.add(n.getPort() + " is still in use after SHUTDOWN of a leftover node");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        taken.add("interrupted");
      }
    }
    return taken.isEmpty() ? null : String.join("; ", taken);
  }

  /** The node's dir if it is a temp dir of a cluster this extension started, else null. */
  private static Path ourDir(HostAndPort n) {
    try (Jedis j = admin(n)) {
      String d = j.configGet("dir").get("dir");
      Path p = d == null ? null : Path.of(d).getParent();
      return p != null
              && p.getFileName() != null
              && p.getFileName().toString().startsWith(DIR_PREFIX)
          ? p
          : null;
    } catch (JedisException e) {
      return null;
    }
  }

  /**
   * A plain connection for admin commands; RESP2 said up front, so Jedis does not warn about
   * negotiating.
   */
  private static Jedis admin(HostAndPort n) {
    return new Jedis(
        n,
        DefaultJedisClientConfig.builder()
            .timeoutMillis(1000)
            .protocol(RedisProtocol.RESP2)
            .build());
  }

  private static boolean pings(HostAndPort n) {
    try (Jedis j = admin(n)) {
      return "PONG".equals(j.ping());
    } catch (JedisException e) {
      return false;
    }
  }

  private static List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      ports.add(FIRST_PORT + i);
    }
    return ports;
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(java.io.File.pathSeparator))
            .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)));
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " exited " + p.exitValue() + ": " + out.strip());
    }
  }

  private interface Check {
    boolean ok();
  }

  private static void waitUntil(Check check, String what) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "timed out after " + FORM_TIMEOUT.toSeconds() + " s waiting until " + what);
      }
      Thread.sleep(50); // polling a process we do not control; Awaitility is for test bodies
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir; the OS cleans it eventually
    }
  }
}
