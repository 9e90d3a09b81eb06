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
package org.thinkqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.spring.QueueJob;
import org.thinkqueue.testkit.MutableClock;
import org.thinkqueue.worker.Worker;

/**
 * The README's "Testing your jobs" setup, as a user's test: handlers from the application, jobs in
 * memory on a clock the test moves, no background worker; the test runs jobs one by one.
 */
@SpringBootTest(
    classes = TestingYourJobsTest.App.class,
    properties = {
      "think-queue.worker.enabled=false", // the test drives the worker
      "spring.datasource.url=jdbc:h2:mem:testing-your-jobs",
      "spring.main.banner-mode=off"
    })
class TestingYourJobsTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    WelcomeMail welcomeMail() {
      return new WelcomeMail();
    }

    @Bean
    MutableClock clock() {
      return MutableClock.atEpochSecond(1_700_000_000L);
    }

    /** Replaces the starter's manager: one connection in memory, on the test's clock. */
    @Bean
    QueueManager queueManager(JobRegistry registry, MutableClock clock) {
      return QueueManager.builder()
          .registry(registry)
          .connection("default", MemoryConnector.builder().clock(clock).build())
          .build();
    }
  }

  /** A handler as the application declares it. */
  @QueueJob("WelcomeMail")
  public static class WelcomeMail {
    final List<String> sent = new CopyOnWriteArrayList<>();

    /**
     * Sends one mail.
     *
     * @param email the address
     */
    public void send(String email) {
      sent.add(email);
    }
  }

  @Autowired QueueManager queues;
  @Autowired MutableClock clock;
  @Autowired WelcomeMail mail;

  @Test
  void aDelayedMailIsSentOnceItIsDue() {
    queues.later(Duration.ofSeconds(5), "WelcomeMail@send", "ada@example.com");
    try (Worker worker = Worker.builder().manager(queues).build()) {
      assertThat(worker.runOnce()).as("not due yet").isFalse();
      clock.advance(Duration.ofSeconds(5));
      assertThat(worker.runOnce()).isTrue();
    }
    assertThat(mail.sent).containsExactly("ada@example.com");
    assertThat(queues.size("default").total()).isZero();
  }
}
