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
package org.thinkqueue.worker;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinkqueue.internal.PayloadFields;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.spi.Reschedules;
import org.thinkqueue.spi.ReservedJob;

/**
 * Puts a job back in its queue for the worker: a release that keeps the fields the worker stamped
 * into the payload (a retry deadline, a count of thrown exceptions), and a snooze that gives the
 * attempt back, both through {@link Reschedules}. On a connector without that capability a snooze
 * is a release with the attempt counted and stamped fields are dropped; that is logged once per
 * connector. Thread-safe.
 */
final class Rescheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** Connectors whose missing capability was logged already (weakly held). */
  private static final Set<Connector> WARNED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private final Connector connector;
  private final Reschedules reschedules;

  Rescheduler(Connector connector) {
    this.connector = connector;
    this.reschedules = connector instanceof Reschedules r ? r : null;
  }

  /** Releases the job, with {@code stamps} written into its payload when there are any. */
  void release(ReservedJob job, Duration delay, Map<String, Long> stamps) {
    String edited = stamps.isEmpty() ? null : edited(job, stamps);
    if (edited == null) {
      connector.release(job, delay);
    } else {
      reschedules.reschedule(job, delay, edited, false);
    }
  }

  /**
   * Snoozes the job: back after {@code delay} with this attempt given back.
   *
   * @return false if the connector could not give it back (the job was released instead)
   */
  boolean snooze(ReservedJob job, Duration delay, Map<String, Long> stamps) {
    if (reschedules == null) {
      warnOnce("Job.snooze releases jobs with their attempt counted");
      connector.release(job, delay);
      return false;
    }
    reschedules.reschedule(job, delay, stamps.isEmpty() ? null : edited(job, stamps), true);
    return true;
  }

  /** The raw body with the stamps, or null to keep the stored payload. */
  private String edited(ReservedJob job, Map<String, Long> stamps) {
    if (reschedules == null) {
      warnOnce("retry deadlines (retryFor) and exception counts (maxExceptions) are not kept");
      return null;
    }
    String raw = job.rawBody();
    String edited = raw == null ? null : PayloadFields.withNumbers(raw, stamps);
    if (edited == null) {
      LOG.debug("Payload of job {} cannot be edited; released as stored", job.id());
    }
    return edited;
  }

  private void warnOnce(String consequence) {
    if (WARNED.add(connector)) {
      LOG.warn(
          "Connector {} cannot reschedule jobs (org.thinkqueue.spi.Reschedules): {}. (Logged once"
              + " per connector.)",
          connector.getClass().getName(),
          consequence);
    }
  }
}
