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
package org.thinkqueue.micrometer.internal;

import java.util.Set;
import org.thinkqueue.JobRegistry;

/**
 * The {@code job} tag of a job name: the name itself when the manager's registry resolves it or the
 * application listed it, else {@link #OTHER}. Payloads written by other producers may carry any
 * name; this keeps the number of time series bounded by what the application knows.
 */
public final class JobNameTag {
  /** The tag value of every name neither registered nor listed. */
  public static final String OTHER = "other";

  private final JobRegistry registry;
  private final Set<String> known;

  /**
   * @param registry the manager's registry, or null for a producer-only manager
   * @param known names tagged as themselves besides the registered ones
   */
  public JobNameTag(JobRegistry registry, Set<String> known) {
    this.registry = registry;
    this.known = Set.copyOf(known);
  }

  /** The tag value for {@code name}. */
  public String of(String name) {
    if (name == null) {
      return OTHER;
    }
    if (known.contains(name) || (registry != null && registry.contains(name))) {
      return name;
    }
    return OTHER;
  }
}
