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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's fan-out example is this module's FanOut.java, and it runs. */
class FanOutTest {
  private static final String BEGIN = "// README fan-out: begin";
  private static final String END = "// README fan-out: end";

  @Test
  void runsEverySubscriberOfThePublishedEvent() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      FanOut.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("3 jobs", "Welcome ada@example.com", "New customer 42", "To Tidio: 42");
  }

  @Test
  void readmeQuotesTheSourceFile() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    List<String> source =
        Files.readAllLines(
            module.resolve("src/main/java/org/thinkqueue/examples/FanOut.java"),
            StandardCharsets.UTF_8);
    List<String> quoted = source.subList(source.indexOf(BEGIN) + 1, source.indexOf(END));
    assertThat(quoted).as("lines between the markers").contains("public final class FanOut {");

    List<String> readme =
        Files.readAllLines(module.resolveSibling("README.md"), StandardCharsets.UTF_8);
    int heading = readme.indexOf("## Fan-out");
    assertThat(heading).as("README heading").isNotNegative();
    int open = readme.subList(heading, readme.size()).indexOf("```java") + heading;
    int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
    assertThat(readme.subList(open + 1, close))
        .as(
            "the README's first java block under Fan-out; copy it from FanOut.java between the markers")
        .containsExactlyElementsOf(quoted);
  }
}
