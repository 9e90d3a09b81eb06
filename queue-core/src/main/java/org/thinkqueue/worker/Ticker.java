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

/**
 * The worker's source of {@link System#nanoTime()} for the deadlines it enforces: job timeouts, the
 * timeout grace, reservation extensions, the stop grace and the outage log's durations. Tests in
 * this package inject a ticker they move by hand ({@link Worker.Builder#ticker(Ticker)}), so those
 * deadlines pass when the test says, not after a sleep. Spin and park bounds stay on the system
 * clock: they are about this machine's scheduler, not about the job.
 */
interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from an arbitrary origin; only differences mean something. */
  long nanoTime();
}
