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
package org.thinkqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Registration takes a policy; without one a JobHandler's own applies, else the worker's. */
class JobRegistryPolicyTest {
  private static final JobPolicy FIVE = JobPolicy.builder().tries(5).build();
  private static final JobPolicy NINE = JobPolicy.builder().tries(9).build();

  /** A handler declaring its own policy, as Laravel's {@code $tries}. */
  public static final class Declaring implements JobHandler<String> {
    @Override
    public void fire(Job job, String data) {}

    @Override
    public JobPolicy policy() {
      return FIVE;
    }

    /** A second job method, for registerMethods. */
    public void other(Job job, String data) {}
  }

  @Test
  void aHandlersOwnPolicyIsUsedWhenNoneIsGiven() {
    JobRegistry r = new JobRegistry().register("A", new Declaring());
    assertThat(r.resolve("A").policy()).isSameAs(FIVE);
    assertThat(
            new JobRegistry().register(new Declaring()).resolve(Declaring.class.getName()).policy())
        .isSameAs(FIVE);
  }

  @Test
  void aPolicyGivenAtRegistrationReplacesTheHandlers() {
    JobRegistry r =
        new JobRegistry()
            .register("A", new Declaring(), NINE)
            .register("B", String.class, (job, d) -> {}, NINE)
            .handle("C", String.class, d -> {}, NINE)
            .registerMethods("D", new Declaring(), NINE);
    assertThat(r.resolve("A").policy()).isSameAs(NINE);
    assertThat(r.resolve("B").policy()).isSameAs(NINE);
    assertThat(r.resolve("C").policy()).isSameAs(NINE);
    assertThat(r.resolve("D@other").policy()).isSameAs(NINE);
    assertThat(r.resolve("D").policy()).isSameAs(NINE);
  }

  @Test
  void withoutAnyTheWorkerDefaultsApply() {
    JobRegistry r =
        new JobRegistry()
            .register("B", String.class, (job, d) -> {})
            .handle("C", String.class, d -> {})
            .registerMethods("D", new Methods());
    assertThat(r.resolve("B").policy()).isSameAs(JobPolicy.WORKER_DEFAULTS);
    assertThat(r.resolve("C").policy()).isSameAs(JobPolicy.WORKER_DEFAULTS);
    assertThat(r.resolve("D@run").policy()).isSameAs(JobPolicy.WORKER_DEFAULTS);
  }

  @Test
  void registerMethodsOfAJobHandlerUsesItsPolicy() {
    JobRegistry r = new JobRegistry().registerMethods("D", new Declaring());
    assertThat(r.resolve("D@other").policy()).isSameAs(FIVE);
  }

  @Test
  void aPolicyDescribesWhatItSets() {
    assertThat(JobPolicy.WORKER_DEFAULTS).hasToString("JobPolicy[worker defaults]");
    assertThat(JobPolicy.builder().tries(3).retryFor(Duration.ofHours(1)).build())
        .hasToString("JobPolicy[tries=3, retryFor=PT1H]");
  }

  /** Public methods (Job, T), for registerMethods. */
  public static final class Methods {
    /** A job method. */
    public void run(Job job, String data) {}
  }
}
