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
package org.thinkqueue.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;

/**
 * Runs the smoke profile end to end against the real services so the harness can't rot. Asserts
 * that every scenario produced figures and none failed; never anything about speed.
 */
@RequiresService({Service.REDIS, Service.POSTGRES, Service.MARIADB})
class BenchSmokeIT {

  @Test
  void smokeProfileProducesEveryFigure(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("smoke.md");

    Results results = BenchMain.run("--smoke", "--out", out.toString());

    assertThat(results.errors).isEmpty();
    for (String driver : new String[] {"Redis V3", "PostgreSQL", "MariaDB", "H2", "Memory"}) {
      for (String key :
          new String[] {
            "enqueue1",
            "enqueue8",
            "bulk",
            "drain1",
            "drain8",
            "drain32",
            "idle_p50",
            "steady_p99",
            "delayed_p99",
            "heap_after_mb"
          }) {
        assertThat(results.get(driver + "/" + key)).as(driver + "/" + key).isNotNull().isPositive();
      }
    }
    assertThat(results.get("Sync/enqueue1")).isPositive();
    assertThat(results.get("redis-benchmark/rpush/1 client")).isPositive();
    assertThat(results.get("redis-benchmark/lpop/50 clients")).isPositive();
    assertThat(results.get("pg-raw/insert")).isPositive();
    assertThat(results.get("pg-raw/claim8")).isPositive();
    assertThat(results.get("dbs/drain8")).isPositive();
    String md = Files.readString(out);
    assertThat(md)
        .contains(
            "## think-queue", "## limits", "## peers", "## Targets of the issue", "Machine: ");
  }
}
