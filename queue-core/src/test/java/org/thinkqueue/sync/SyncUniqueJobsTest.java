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
package org.thinkqueue.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.thinkqueue.JobOptions;
import org.thinkqueue.JobOptions.UniqueUntil;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.QueueManager;

/** Unique jobs on the sync driver: the key is held while the job runs, that is during its push. */
class SyncUniqueJobsTest {
  private final List<String> runs = new CopyOnWriteArrayList<>();
  private final AtomicReference<QueueManager> manager = new AtomicReference<>();
  private final List<String> nested = new CopyOnWriteArrayList<>();

  private QueueManager manager(JobOptions nestedOptions) {
    JobRegistry registry =
        new JobRegistry()
            .register(
                "j",
                String.class,
                (job, data) -> {
                  runs.add(data + ":" + job.getId());
                  if (data.equals("outer")) {
                    nested.add(manager.get().push("j", "inner", "q", nestedOptions));
                  }
                  if (data.equals("boom")) {
                    throw new IllegalStateException("boom");
                  }
                });
    QueueManager m =
        QueueManager.builder()
            .connection("sync", SyncConnector.builder().registry(registry).build())
            .registry(registry)
            .build();
    manager.set(m);
    return m;
  }

  @Test
  void aPushOfTheKeyWhileTheJobRunsRunsNothingAndReturnsItsId() {
    JobOptions options = JobOptions.uniqueKey("k");
    QueueManager m = manager(options);

    String id = m.push("j", "outer", "q", options);

    assertThat(runs).containsExactly("outer:" + id);
    assertThat(nested).containsExactly(id);
    String again = m.push("j", "again", "q", options);
    assertThat(again).as("the key is free once the push returned").isNotEqualTo(id);
    assertThat(runs).hasSize(2);
  }

  @Test
  void aJobHeldUntilProcessingFreesItsKeyBeforeItsHandlerRuns() {
    JobOptions options = JobOptions.uniqueKey("k").withUniqueUntil(UniqueUntil.PROCESSING);
    QueueManager m = manager(options);

    String id = m.push("j", "outer", "q", options);

    assertThat(nested).hasSize(1);
    assertThat(nested.get(0)).isNotEqualTo(id);
    assertThat(runs).containsExactly("outer:" + id, "inner:" + nested.get(0));
  }

  @Test
  void aJobThatThrowsFreesItsKey() {
    JobOptions options = JobOptions.uniqueKey("k");
    QueueManager m = manager(options);

    assertThatThrownBy(() -> m.push("j", "boom", "q", options)).hasMessage("boom");
    m.push("j", "after", "q", options);
    assertThat(runs).hasSize(2);
  }

  @Test
  void keysArePerQueue() {
    JobOptions other = JobOptions.uniqueKey("k").withUniqueUntil(UniqueUntil.PROCESSED);
    QueueManager m = manager(other);
    // "outer" pushes "inner" with the same key to the same queue: refused. Another queue runs.
    m.push("j", "outer", "elsewhere", other);
    assertThat(runs).hasSize(2);
  }
}
