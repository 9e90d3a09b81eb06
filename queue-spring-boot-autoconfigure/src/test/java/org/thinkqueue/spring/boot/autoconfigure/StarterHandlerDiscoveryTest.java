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
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.thinkqueue.Job;
import org.thinkqueue.JobHandler;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;
import org.thinkqueue.spring.QueueJob;
import org.thinkqueue.worker.Worker;

/**
 * Handlers the starter finds among the application's beans (issue #12): {@code @QueueJob} classes
 * (fire and name@method) and methods, {@code JobHandler} beans, PHP aliases from the annotation and
 * from think-queue.aliases, a handler that injects the QueueManager; two handlers for one name stop
 * the start; with none, the workers stay stopped while pushes still work.
 */
class StarterHandlerDiscoveryTest {
  private final String queue = TestApps.unique("hx-handlers-");

  private ApplicationContextRunner runner() {
    return TestApps.runner()
        .withPropertyValues(
            "think-queue.connections.default.type=memory",
            "think-queue.worker.queues=" + queue,
            "think-queue.worker.sleep=200ms");
  }

  /** A job's data. */
  record Letter(String to) {}

  /** Records each call as "what:to". */
  static class Calls {
    final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    void add(String what, Letter letter) {
      seen.add(what + ":" + letter.to());
    }

    String next() throws InterruptedException {
      String call = seen.poll(20, TimeUnit.SECONDS);
      if (call == null) {
        throw new AssertionError("no handler ran within 20 s");
      }
      return call;
    }
  }

  /** think-queue's Class@method style: fire handles HxMail, send handles HxMail@send. */
  @QueueJob(name = "HxMail", aliases = "app\\job\\HxMail")
  public static class MailJob {
    final Calls calls = new Calls();

    public void fire(Job job, Letter letter) {
      calls.add("fire", letter);
      job.delete();
    }

    public void send(Letter letter) {
      calls.add("send", letter);
    }
  }

  /** Handler methods on a bean that is no handler itself. */
  public static class Reports {
    final Calls calls = new Calls();

    @QueueJob(name = "HxReport", aliases = "app\\job\\HxReport")
    public void build(Job job, Letter letter) {
      calls.add("build", letter);
      job.delete();
    }

    @QueueJob("HxReportSimple")
    public void simple(Letter letter) {
      calls.add("simple", letter);
    }
  }

  /** A JobHandler bean named by @QueueJob. */
  @QueueJob(name = "HxAudit", aliases = "app\\job\\HxAudit")
  public static class AuditJob implements JobHandler<Letter> {
    final Calls calls = new Calls();

    @Override
    public void fire(Job job, Letter letter) {
      calls.add("audit", letter);
      job.delete();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Handlers {
    @Bean
    MailJob mailJob() {
      return new MailJob();
    }

    @Bean
    Reports reports() {
      return new Reports();
    }

    @Bean
    AuditJob auditJob() {
      return new AuditJob();
    }

    @Bean
    TestApps.EchoJob echoJob() {
      return new TestApps.EchoJob();
    }
  }

  @Test
  void queueJobClassesMethodsAndJobHandlerBeansHandleTheirNamesAndAliases() {
    runner()
        .withPropertyValues(
            // a PHP name mapped by configuration to a Java one
            "think-queue.aliases.[app\\job\\LegacyLetter]=HxMail@send")
        .withUserConfiguration(Handlers.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(JobRegistry.class).names())
                  .contains(
                      "HxMail",
                      "HxMail@fire",
                      "HxMail@send",
                      "HxReport",
                      "HxReportSimple",
                      "HxAudit",
                      TestApps.EchoJob.class.getName());
              QueueManager queues = context.getBean(QueueManager.class);
              Calls mail = context.getBean(MailJob.class).calls;
              push(queues, "HxMail", "a");
              assertThat(mail.next()).isEqualTo("fire:a");
              push(queues, "HxMail@send", "b");
              assertThat(mail.next()).isEqualTo("send:b");
              push(queues, "app\\job\\HxMail", "c");
              assertThat(mail.next()).isEqualTo("fire:c");
              push(queues, "app\\job\\HxMail@send", "d");
              assertThat(mail.next()).isEqualTo("send:d");
              push(queues, "app\\job\\LegacyLetter", "e");
              assertThat(mail.next()).isEqualTo("send:e");

              Calls reports = context.getBean(Reports.class).calls;
              push(queues, "HxReport", "f");
              assertThat(reports.next()).isEqualTo("build:f");
              push(queues, "app\\job\\HxReport", "g");
              assertThat(reports.next()).isEqualTo("build:g");
              push(queues, "HxReportSimple", "h");
              assertThat(reports.next()).isEqualTo("simple:h");

              Calls audit = context.getBean(AuditJob.class).calls;
              push(queues, "app\\job\\HxAudit", "i");
              assertThat(audit.next()).isEqualTo("audit:i");

              queues.push(TestApps.EchoJob.class, Map.of("to", "j"), queue);
              assertThat(context.getBean(TestApps.EchoJob.class).next()).containsEntry("to", "j");
            });
  }

  private void push(QueueManager queues, String job, String to) {
    queues.push(job, new Letter(to), queue);
  }

  /**
   * Injects the QueueManager (which depends on the JobRegistry the handlers are registered in) and
   * pushes a follow-up job from its handler.
   */
  @QueueJob(name = "HxSignup")
  public static class SignupJob {
    final Calls calls = new Calls();
    private final QueueManager queues;
    private final String queue;

    SignupJob(QueueManager queues, String queue) {
      this.queues = queues;
      this.queue = queue;
    }

    public void fire(Job job, Letter letter) {
      calls.add("signup", letter);
      queues.push("HxSignup@followUp", new Letter(letter.to() + "+1"), queue);
      job.delete();
    }

    public void followUp(Letter letter) {
      calls.add("followUp", letter);
    }
  }

  @Test
  void aHandlerThatInjectsTheQueueManagerStartsAndPushesAFollowUp() {
    runner()
        .withUserConfiguration(SignupApp.class)
        .withPropertyValues("hx.queue=" + queue)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              context.getBean(QueueManager.class).push("HxSignup", new Letter("u"), queue);
              Calls calls = context.getBean(SignupJob.class).calls;
              assertThat(calls.next()).isEqualTo("signup:u");
              assertThat(calls.next()).isEqualTo("followUp:u+1");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class SignupApp {
    @Bean
    SignupJob signupJob(QueueManager queues, Environment env) {
      return new SignupJob(queues, env.getRequiredProperty("hx.queue"));
    }
  }

  /** Claims HxDup for its fire method. */
  @QueueJob("HxDup")
  public static class DupClass {
    public void fire(Letter letter) {}
  }

  /** Claims HxDup for a method. */
  public static class DupMethod {
    @QueueJob("HxDup")
    public void handle(Letter letter) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class Duplicates {
    @Bean
    DupClass hxFirstDup() {
      return new DupClass();
    }

    @Bean
    DupMethod hxSecondDup() {
      return new DupMethod();
    }
  }

  /** Claims the PHP alias app\job\HxSame, as HxSameTwo does. */
  @QueueJob(name = "HxSameOne", aliases = "app\\job\\HxSame")
  public static class SameOne {
    public void fire(Letter letter) {}
  }

  @QueueJob(name = "HxSameTwo", aliases = "app\\job\\HxSame")
  public static class SameTwo {
    public void fire(Letter letter) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class DuplicateAliases {
    @Bean
    SameOne hxSameOne() {
      return new SameOne();
    }

    @Bean
    SameTwo hxSameTwo() {
      return new SameTwo();
    }
  }

  @Test
  void twoHandlersForOneNameFailTheStartNamingTheJobAndBothBeans() {
    runner()
        .withUserConfiguration(Duplicates.class)
        .run(
            context ->
                assertThat(failure(context))
                    .contains("Job name 'HxDup' has two handlers", "hxFirstDup", "hxSecondDup"));
    runner()
        .withUserConfiguration(DuplicateAliases.class)
        .run(
            context ->
                assertThat(failure(context))
                    .contains(
                        "Job name 'app\\job\\HxSame",
                        "has two handlers",
                        "hxSameOne",
                        "hxSameTwo"));
  }

  private static String failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    List<String> messages = new ArrayList<>();
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    return String.join("\n", messages);
  }

  @Test
  void withoutHandlersTheWorkersStayStoppedWithAWarnAndPushesWork() {
    try (CapturedLog log = new CapturedLog()) {
      runner()
          // a node that only pushes jobs for PHP workers
          .withPropertyValues("think-queue.check-job-names-on-push=false")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(log.lines("No job handlers registered"))
                    .singleElement()
                    .asString()
                    .contains("WARN", "workers [worker] not started");
                QueueManager queues = context.getBean(QueueManager.class);
                String phpQueue = queue + "-php";
                queues.push("app\\job\\HxPhpOnly", new Letter("php"), phpQueue);
                assertThat(queues.size(phpQueue).ready()).isEqualTo(1);
                // A worker runs once: start() would throw had the starter started it.
                Worker worker = context.getBean(ThinkQueueWorkers.class).workers().get("worker");
                assertThatCode(worker::start).doesNotThrowAnyException();
              });
    }
  }
}
