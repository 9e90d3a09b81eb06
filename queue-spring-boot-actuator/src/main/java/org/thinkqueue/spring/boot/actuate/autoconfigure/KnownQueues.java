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
package org.thinkqueue.spring.boot.actuate.autoconfigure;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The queues health and the endpoint show: {@code think-queue.actuator.queues} when set, else the
 * queues the starter's workers work ({@code think-queue.worker.queues} and {@code
 * think-queue.workers.<name>.queues}); with neither, the manager's default queue.
 */
public final class KnownQueues implements Supplier<Collection<String>> {
  private final ThinkQueueActuatorProperties actuator;
  private final List<String> workerQueues;

  /**
   * Reads the workers' queues once from the environment.
   *
   * @param actuator {@code think-queue.actuator.*}
   * @param environment the application's environment
   */
  public KnownQueues(ThinkQueueActuatorProperties actuator, Environment environment) {
    this.actuator = actuator;
    Binder binder = Binder.get(environment);
    Set<String> queues = new LinkedHashSet<>();
    binder.bind("think-queue.worker.queues", Bindable.listOf(String.class)).ifBound(queues::addAll);
    binder
        .bind("think-queue.workers", Bindable.mapOf(String.class, WorkerQueues.class))
        .ifBound(
            (Map<String, WorkerQueues> workers) ->
                workers.values().stream()
                    .filter(w -> w.queues() != null)
                    .forEach(w -> queues.addAll(w.queues())));
    this.workerQueues = List.copyOf(queues);
  }

  @Override
  public Collection<String> get() {
    List<String> configured = actuator.getQueues();
    return configured == null || configured.isEmpty() ? workerQueues : configured;
  }

  /**
   * The one setting of a named worker read here.
   *
   * @param queues the worker's queues
   */
  public record WorkerQueues(List<String> queues) {}
}
