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
import io.micrometer.observation.transport.SenderContext;
import org.thinkqueue.OutgoingJob;

/**
 * The Observation context of a push: a {@link SenderContext} of kind PRODUCER whose carrier is the
 * job being pushed, so a tracing handler's propagator writes {@code traceparent} and {@code
 * tracestate} as top-level payload fields (other propagation fields are not written).
 */
public final class JobPushContext extends SenderContext<OutgoingJob> {
  private String jobId;

  /**
   * The context of one push.
   *
   * @param job the job being pushed, the carrier
   */
  public JobPushContext(OutgoingJob job) {
    super(
        (carrier, key, value) -> {
          if (carrier != null
              && value != null
              && ThinkQueueObservation.PROPAGATED_FIELDS.contains(key)) {
            carrier.putField(key, value);
          }
        },
        Kind.PRODUCER);
    setCarrier(job);
    setRemoteServiceName("thinkqueue");
  }

  /**
   * The id the push returned, once it did.
   *
   * @return the id, or {@code null} before the push returned or after it failed
   */
  public String getJobId() {
    return jobId;
  }

  void setJobId(String jobId) {
    this.jobId = jobId;
  }
}
