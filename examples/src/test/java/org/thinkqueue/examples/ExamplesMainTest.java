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
package org.thinkqueue.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.thinkqueue.cli.QueueCli;

/**
 * What the examples' entry point prints when it cannot start: the problem, never a password from
 * its arguments.
 */
class ExamplesMainTest {
  private static final String SECRET = "S3cr3tPw";

  @Test
  void aMalformedRedisUriIsReportedWithoutItsPassword() throws Exception {
    String err =
        stdErrOf(
            "--jdbc",
            "jdbc:h2:mem:examples-main-test",
            "--redis",
            "redis://app:" + SECRET + "@127.0.0.1:notaport/0",
            "size");
    assertThat(err)
        .contains("Error: cannot start on redis://app:****@127.0.0.1:notaport/0")
        .doesNotContain(SECRET);
  }

  @Test
  void anUnreachableDatabaseIsReportedWithoutItsPassword() throws Exception {
    String err =
        stdErrOf(
            "--jdbc", "jdbc:postgresql://127.0.0.1:1/test?user=app&password=" + SECRET, "size");
    assertThat(err)
        .contains(
            "Error: cannot start on jdbc:postgresql://127.0.0.1:1/test?user=app&password=****")
        .doesNotContain(SECRET);
  }

  @Test
  void anUnknownOptionIsEchoedWithoutItsPassword() throws Exception {
    String err = stdErrOf("--redis-uri=redis://app:" + SECRET + "@h:6379/0", "size");
    assertThat(err)
        .contains("Unknown option --redis-uri=redis://app:****@h:6379/0")
        .doesNotContain(SECRET);
  }

  private static String stdErrOf(String... args) throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try (PrintStream err = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(err);
      code = ExamplesMain.run(args);
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isIn(QueueCli.EXIT_ERROR, QueueCli.EXIT_USAGE);
    return captured.toString(StandardCharsets.UTF_8);
  }
}
