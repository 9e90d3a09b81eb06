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
package org.thinkqueue.micrometer;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.thinkqueue.Job;

/**
 * The Observation context of a handler run: a {@link ReceiverContext} of kind CONSUMER whose
 * carrier is the job, so a tracing handler's propagator reads the {@code traceparent} and {@code
 * tracestate} top-level fields of its payload. A missing or malformed field gives no parent.
 */
public final class JobProcessContext extends ReceiverContext<Job> {
  /**
   * The context of one handler run.
   *
   * @param job the job, the carrier
   */
  public JobProcessContext(Job job) {
    super(JobProcessContext::field, Kind.CONSUMER);
    setCarrier(job);
    setRemoteServiceName("thinkqueue");
  }

  private static String field(Job job, String key) {
    if (job == null || !ThinkQueueObservation.PROPAGATED_FIELDS.contains(key)) {
      return null;
    }
    try {
      return job.payload().stringField(key).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
