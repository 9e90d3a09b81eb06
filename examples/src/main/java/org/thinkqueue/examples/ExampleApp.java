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
package org.thinkqueue.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.thinkqueue.JobPolicy;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.jdbc.JdbcConnector;
import org.thinkqueue.jdbc.JdbcLimiterStore;
import org.thinkqueue.limit.LimiterStore;
import org.thinkqueue.redis.RedisConnector;
import org.thinkqueue.redis.RedisFailedJobStore;
import org.thinkqueue.redis.RedisLimiterStore;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.FailedJobStore;
import org.thinkqueue.spi.Redaction;
import org.thinkqueue.worker.Backoff;

/**
 * The example application wired together: its database (users, tracking), the queue (the database's
 * {@code jobs} table, or Redis), the registry with the seed's handlers, and the local fakes of the
 * third parties.
 */
public final class ExampleApp implements AutoCloseable {
  /** The seed's five queues, in the order its worker script lists them. */
  public static final List<String> SEED_QUEUES =
      List.of(
          "user_register_email",
          "user_register_workman_message",
          "sync_user_to_tidio",
          "order_sync_mabang_track",
          "fulfillment_shopify_order");

  /**
   * The embedded default: an H2 file database under ./data, shared by the demo and separate worker
   * processes.
   */
  public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/examples;AUTO_SERVER=TRUE";

  /** The one Shopify store this example app serves. */
  public static final String SHOP = "example-shop.myshopify.com";

  /** What to connect to and how flaky the fakes are. */
  public record Options(
      String jdbcUrl,
      String redisUri,
      boolean fresh,
      Duration emailDelay,
      double failureRate,
      long latencyMillis) {
    public static Options defaults() {
      return new Options(
          DEFAULT_JDBC_URL,
          null,
          false,
          Duration.ofSeconds(UserService.WELCOME_EMAIL_DELAY_SECONDS),
          0.2,
          20);
    }

    public Options withJdbc(String url) {
      return new Options(url, redisUri, fresh, emailDelay, failureRate, latencyMillis);
    }

    public Options withRedis(String uri) {
      return new Options(jdbcUrl, uri, fresh, emailDelay, failureRate, latencyMillis);
    }

    public Options withFresh(boolean f) {
      return new Options(jdbcUrl, redisUri, f, emailDelay, failureRate, latencyMillis);
    }

    public Options withEmailDelay(Duration d) {
      return new Options(jdbcUrl, redisUri, fresh, d, failureRate, latencyMillis);
    }

    public Options withFailureRate(double r) {
      if (r < 0 || r >= 1) {
        throw new IllegalArgumentException("--failure-rate must be in [0, 1), was " + r);
      }
      return new Options(jdbcUrl, redisUri, fresh, emailDelay, r, latencyMillis);
    }

    public Options withLatency(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("--latency must not be negative, was " + millis);
      }
      return new Options(jdbcUrl, redisUri, fresh, emailDelay, failureRate, millis);
    }
  }

  final HikariDataSource db;
  final QueueManager queues;
  final FakeMailer mailer;
  final FakeApis apis;
  final UserRegisterJob registerJob;
  final PushRecorder recorder = new PushRecorder();
  final UserService users;
  final FulfillmentService fulfillment;
  final String backend;
  private final RedisConnector redis;

  private ExampleApp(Options o) throws IOException, SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(o.jdbcUrl());
    config.setMaximumPoolSize(12);
    config.setPoolName("examples");
    this.db = new HikariDataSource(config);
    // Nothing may leak when a setting is wrong (a bad Redis URI): the pool and the fake APIs'
    // server close again.
    FakeApis startedApis = null;
    try {
      createTables(o.fresh());
      this.mailer = new FakeMailer(o.latencyMillis(), o.failureRate());
      startedApis = new FakeApis(o.latencyMillis(), o.failureRate());
      this.apis = startedApis;
      this.registerJob = new UserRegisterJob(mailer);
      HttpPoster http = new HttpPoster();
      String marketing = apis.baseUrl() + "/marketing/contacts/";
      JobRegistry registry =
          new JobRegistry()
              // The seed's style: Class@method handlers that delete or release the job themselves.
              .registerMethods("UserRegisterJob", registerJob)
              .alias("common\\job\\UserRegisterJob", "UserRegisterJob")
              // The simple style: returning deletes the job, throwing retries it with the worker's
              // back-off.
              .handle(
                  "SyncUserToTidio",
                  NewUser.class,
                  user ->
                      http.post(
                          marketing + user.email(),
                          "{\"email\":\"" + user.email() + "\",\"name\":\"" + user.name() + "\"}"),
                  // The foreign marketing API is slow and fails now and then: back off
                  // exponentially with full jitter (so many failed syncs don't come back as a
                  // herd), and keep trying for a day rather than a number of times.
                  JobPolicy.builder()
                      .backoff(
                          Backoff.exponentialFullJitter(
                              Duration.ofSeconds(1), Duration.ofMinutes(10)))
                      .retryFor(Duration.ofDays(1))
                      .build())
              // One registration, three side effects: UserService publishes the event once.
              .subscribe(
                  UserService.USER_REGISTERED,
                  "UserRegisterJob@sendWelcomeEmail",
                  "user_register_email",
                  o.emailDelay())
              .subscribe(
                  UserService.USER_REGISTERED,
                  "UserRegisterJob@sendWorkmanMessage",
                  "user_register_workman_message")
              .subscribe(UserService.USER_REGISTERED, "SyncUserToTidio", "sync_user_to_tidio");
      Connector connector;
      FailedJobStore failedStore;
      if (o.redisUri() != null) {
        redis = RedisConnector.builder().uri(o.redisUri()).wireFormat(WireFormat.V3).build();
        connector = redis;
        failedStore =
            new RedisFailedJobStore(
                redis.client(), "think-queue-examples:failed", java.time.Clock.systemDefaultZone());
        backend = "Redis " + Redaction.secrets(o.redisUri());
        if (o.fresh()) {
          for (String q : SEED_QUEUES) {
            redis
                .client()
                .del(
                    "{queues:" + q + "}",
                    "{queues:" + q + "}:delayed",
                    "{queues:" + q + "}:reserved",
                    "{queues:" + q + "}:notify");
            // Unique jobs' keys (the shipping callback's), so a fresh run starts with none held.
            Set<String> keys = redis.client().keys("{queues:" + q + "}:unique:*");
            if (!keys.isEmpty()) {
              redis.client().del(keys.toArray(String[]::new));
            }
          }
          failedStore.flush();
        }
      } else {
        redis = null;
        JdbcConnector jdbc =
            JdbcConnector.builder()
                .dataSource(db)
                .table("example_jobs")
                .failedTable("example_failed_jobs")
                .createSchemaIfMissing(true)
                .build();
        connector = jdbc;
        failedStore = jdbc.failedJobStore();
        backend = jdbc.dialect() + " " + Redaction.secrets(o.jdbcUrl());
        if (o.fresh()) {
          try (Connection c = db.getConnection();
              Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM example_jobs");
            s.executeUpdate("DELETE FROM example_jobs_unique");
          }
          failedStore.flush();
        }
      }
      // The Shopify sync's rate limit lives where the queue does, so every worker shares it.
      LimiterStore limits =
          redis != null
              ? new RedisLimiterStore(redis)
              : JdbcLimiterStore.builder((JdbcConnector) connector)
                  .createSchemaIfMissing(true)
                  .build();
      registry.register(
          "SyncTrackingToShopify", new SyncTrackingToShopify(apis.baseUrl(), limits, SHOP));
      this.queues =
          QueueManager.builder()
              .connection("examples", connector)
              .registry(registry)
              .failedJobStore(failedStore)
              .build();
      this.users = new UserService(db, queues.connection(), o.emailDelay(), recorder);
      this.fulfillment = new FulfillmentService(db, queues.connection(), recorder);
    } catch (IOException | SQLException | RuntimeException e) {
      if (startedApis != null) {
        startedApis.close();
      }
      db.close();
      throw e;
    }
  }

  public static ExampleApp start(Options options) throws IOException, SQLException {
    return new ExampleApp(options);
  }

  public QueueManager queues() {
    return queues;
  }

  public FakeApis apis() {
    return apis;
  }

  public FakeMailer mailer() {
    return mailer;
  }

  public UserRegisterJob registerJob() {
    return registerJob;
  }

  /** Jobs left in the seed's queues (ready, delayed, reserved). */
  long jobsLeft() {
    return SEED_QUEUES.stream().mapToLong(q -> queues.size(q).total()).sum();
  }

  private void createTables(boolean fresh) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS example_users (email VARCHAR(255) NOT NULL PRIMARY KEY, "
              + "name VARCHAR(255) NOT NULL, sales_rep VARCHAR(64) NOT NULL, created_at BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS example_tracking (order_id VARCHAR(64) NOT NULL PRIMARY KEY, "
              + "tracking_number VARCHAR(64) NOT NULL, carrier VARCHAR(64) NOT NULL)");
      if (fresh) {
        s.executeUpdate("DELETE FROM example_users");
        s.executeUpdate("DELETE FROM example_tracking");
      }
    }
  }

  @Override
  public void close() {
    queues.close();
    apis.close();
    db.close();
  }
}
