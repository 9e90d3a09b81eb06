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

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.QueueManager;

/**
 * {@code spring.threads.virtual.enabled=true} runs the handlers on virtual threads (Java 21+).
 * scripts/test.sh runs this class again on the JDK 21+ it finds, after the build on Java 17.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadWorkersTest {

  /** Reports whether each job ran on a virtual thread. */
  public static final class ThreadKind implements JobHandler<String> {
    final BlockingQueue<Boolean> virtual = new ArrayBlockingQueue<>(10);

    @Override
    public void fire(Job job, String data) throws Exception {
      virtual.add((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
      job.delete();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Handlers {
    @Bean
    ThreadKind threadKind() {
      return new ThreadKind();
    }
  }

  @Test
  void handlersRunOnVirtualThreadsWhenSpringSaysSo() {
    TestApps.runner()
        .withUserConfiguration(Handlers.class)
        .withPropertyValues(
            "spring.threads.virtual.enabled=true",
            "think-queue.connections.default.type=memory",
            "think-queue.worker.threads=4",
            "think-queue.worker.sleep=1")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              context.getBean(QueueManager.class).push(ThreadKind.class, "one");
              assertThat(context.getBean(ThreadKind.class).virtual.poll(10, TimeUnit.SECONDS))
                  .isTrue();
            });
  }

  @Test
  void platformThreadsOtherwise() {
    TestApps.runner()
        .withUserConfiguration(Handlers.class)
        .withPropertyValues(
            "think-queue.connections.default.type=memory", "think-queue.worker.sleep=1")
        .run(
            context -> {
              context.getBean(QueueManager.class).push(ThreadKind.class, "one");
              assertThat(context.getBean(ThreadKind.class).virtual.poll(10, TimeUnit.SECONDS))
                  .isFalse();
            });
  }
}
