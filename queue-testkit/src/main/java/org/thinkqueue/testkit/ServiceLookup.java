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
package org.thinkqueue.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds the address of each {@link Service} and decides what a test that needs it does: run, be
 * skipped, or fail. Order: the service's environment variable, else its loopback default, else a
 * {@link ServiceFallback} (Testcontainers where Docker answers). An address named by the
 * environment variable is never replaced by a fallback: whoever set it wants that server.
 *
 * <p>Reachability is a plain TCP connect, so queue-core needs no Redis or JDBC client. Results are
 * cached for the life of the instance; {@link #shared()} lives as long as the JVM. Thread-safe.
 */
public final class ServiceLookup {

  /**
   * Connect timeout of the default probe; every target is on loopback, so a live server answers at
   * once.
   */
  public static final int PROBE_TIMEOUT_MILLIS = 1_000;

  /** Where a resolved address came from. */
  public enum Origin {
    /** The service's environment variable named it. */
    ENV,
    /**
     * The loopback default of {@link Service#defaultUrl()}; also when nothing answered there or
     * from a fallback.
     */
    DEFAULT,
    /** A {@link ServiceFallback} provided it. */
    FALLBACK
  }

  /** What a test that requires a service does. */
  public enum Outcome {
    /** The service answers: the test runs. */
    RUN,
    /**
     * The service does not answer and this is not a CI run: the test is skipped with the reason.
     */
    SKIP,
    /** The service does not answer under {@code CI=true}: the test fails with the reason. */
    FAIL
  }

  /** Answers whether something accepts TCP connections at {@code host:port}. */
  @FunctionalInterface
  public interface Probe {
    /**
     * Looks once, on the calling thread; must not throw.
     *
     * @param host host name or IP address, without brackets
     * @param port TCP port
     * @return true if a connection was accepted
     */
    boolean answers(String host, int port);
  }

  /**
   * The address a service was resolved to and whether it answered.
   *
   * @param service the service looked up
   * @param address where it was looked for or found
   * @param origin where {@code address} came from
   * @param reachable whether {@code address} answered the probe
   * @param detail why a fallback was or was not used; empty when nothing needs saying
   */
  public record Resolution(
      Service service, ServiceAddress address, Origin origin, boolean reachable, String detail) {}

  /**
   * The decision for one service.
   *
   * @param service the service a test requires
   * @param outcome whether the test runs, is skipped or fails
   * @param reason why the test does not run, naming the address tried and the variable to set;
   *     empty for {@link Outcome#RUN}
   */
  public record Verdict(Service service, Outcome outcome, String reason) {}

  private final Map<String, String> env;
  private final Probe probe;
  private final List<ServiceFallback> fallbacks;
  private final PrintStream warnings;
  private final Map<Service, Resolution> resolved = new EnumMap<>(Service.class);
  private final Set<Service> warned = EnumSet.noneOf(Service.class);

  /**
   * @param env environment variables ({@code System.getenv()} in real runs)
   * @param probe reachability check
   * @param fallbacks tried in order when a default address does not answer
   * @param warnings where the one-line notice about a missing service goes ({@code System.err})
   */
  public ServiceLookup(
      Map<String, String> env, Probe probe, List<ServiceFallback> fallbacks, PrintStream warnings) {
    this.env = Map.copyOf(env);
    this.probe = Objects.requireNonNull(probe, "probe");
    this.fallbacks = List.copyOf(fallbacks);
    this.warnings = Objects.requireNonNull(warnings, "warnings");
  }

  /**
   * The JVM-wide instance: real environment, TCP probe, fallbacks found on the test class path.
   * Created on first use; {@link RequiresService} and {@link Services} both read it, so a test is
   * told the address its check saw.
   *
   * @return the shared lookup
   */
  public static ServiceLookup shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final ServiceLookup INSTANCE =
        new ServiceLookup(
            System.getenv(),
            ServiceLookup::tcpConnect,
            ServiceLoader.load(ServiceFallback.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList(),
            System.err);
  }

  /**
   * Default probe: TCP connect with {@link #PROBE_TIMEOUT_MILLIS}, closed at once.
   *
   * @param host host name or IP address
   * @param port TCP port
   * @return true if the connection was accepted; false on any I/O error, an unknown host or a
   *     timeout
   */
  public static boolean tcpConnect(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether the environment says this is a CI run ({@code CI=true}, any case): missing services
   * then fail tests.
   *
   * @return true under CI
   */
  public boolean ci() {
    String value = env.get("CI");
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  /**
   * Resolves {@code service} once; later calls return the cached result. The first call may start a
   * fallback (a container, say) and block until it answers; concurrent callers wait for it.
   *
   * @param service the service to find
   * @return where the service is and whether it answered
   * @throws IllegalArgumentException if the environment variable holds a URL whose host or port
   *     cannot be read
   */
  public synchronized Resolution resolve(Service service) {
    Resolution cached = resolved.get(service);
    if (cached != null) {
      return cached;
    }
    Resolution resolution = lookUp(service);
    resolved.put(service, resolution);
    return resolution;
  }

  private Resolution lookUp(Service service) {
    String fromEnv = env.get(service.envVar());
    if (fromEnv != null && !fromEnv.isBlank()) {
      ServiceAddress address;
      try {
        address = ServiceAddress.parse(fromEnv, service.defaultPort());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            service.envVar()
                + " is not a usable "
                + service.displayName()
                + " URL: "
                + e.getMessage()
                + " (example: "
                + service.defaultUrl()
                + ")",
            e);
      }
      return new Resolution(service, address, Origin.ENV, answers(address), "");
    }
    ServiceAddress byDefault = ServiceAddress.parse(service.defaultUrl(), service.defaultPort());
    if (answers(byDefault)) {
      return new Resolution(service, byDefault, Origin.DEFAULT, true, "");
    }
    List<String> notes = new ArrayList<>();
    for (ServiceFallback fallback : fallbacks) {
      try {
        Optional<String> url = fallback.start(service);
        if (url.isPresent()) {
          ServiceAddress address = ServiceAddress.parse(url.get(), service.defaultPort());
          return new Resolution(
              service,
              address,
              Origin.FALLBACK,
              answers(address),
              "provided by " + fallback.name());
        }
      } catch (RuntimeException e) {
        notes.add(fallback.name() + ": " + e.getMessage());
      }
    }
    String detail =
        notes.isEmpty()
            ? "no fallback (Testcontainers) could provide it"
            : "fallback failed: " + String.join("; ", notes);
    return new Resolution(service, byDefault, Origin.DEFAULT, false, detail);
  }

  private boolean answers(ServiceAddress address) {
    return probe.answers(address.host(), address.port());
  }

  /**
   * Decides whether a test that requires {@code service} runs; a skip or failure reason names the
   * service, the address tried and the environment variable to set. The first such decision per
   * service is also printed to the warnings stream, since skipped tests are easy to overlook in a
   * green build.
   *
   * @param service the service a test requires
   * @return run, skip or fail, with the reason
   * @throws IllegalArgumentException if the environment variable holds a URL whose host or port
   *     cannot be read
   */
  public Verdict check(Service service) {
    Resolution resolution = resolve(service);
    if (resolution.reachable()) {
      return new Verdict(service, Outcome.RUN, "");
    }
    boolean ci = ci();
    String reason =
        describeOutage(resolution)
            + (ci
                ? " Failing because CI=true: CI must run every integration test."
                : " Tests that need it are SKIPPED (under CI=true they fail).");
    Verdict verdict = new Verdict(service, ci ? Outcome.FAIL : Outcome.SKIP, reason);
    synchronized (this) {
      if (warned.add(service)) {
        warnings.println("[think-queue tests] " + reason);
        warnings.flush();
      }
    }
    return verdict;
  }

  static String describeOutage(Resolution r) {
    Service s = r.service();
    String where =
        switch (r.origin()) {
          case ENV -> s.envVar() + "=" + r.address().url();
          case DEFAULT -> "default " + r.address().url() + ", " + s.envVar() + " not set";
          case FALLBACK -> r.address().url() + ", " + r.detail();
        };
    String detail = r.origin() == Origin.DEFAULT && !r.detail().isEmpty() ? "; " + r.detail() : "";
    return s.displayName()
        + " is not reachable at "
        + r.address().hostAndPort()
        + " ("
        + where
        + detail
        + "). Start it (scripts/test.sh starts or installs it) or set "
        + s.envVar()
        + " to a running server, e.g. "
        + s.envVar()
        + "="
        + s.defaultUrl()
        + ".";
  }
}
