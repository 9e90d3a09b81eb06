package org.thinkqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules for this driver, on its sources until ArchUnit checks them: only {@code PgNotifications} uses
 * the optional PostgreSQL driver, and nothing uses core's {@code internal} or {@code worker} packages.
 */
class ImportRulesTest {
  private static final Path MAIN = Path.of("src/main/java/org/thinkqueue/jdbc");

  @Test
  void onlyPgNotificationsUsesThePostgresDriver() throws IOException {
    assertThat(importing("org.postgresql")).containsOnlyKeys("PgNotifications.java");
    assertThat(mentioning("org.postgresql.")).as("fully qualified uses count too")
        .containsOnlyKeys("PgNotifications.java");
  }

  @Test
  void nothingImportsCoreInternals() throws IOException {
    assertThat(importing("org.thinkqueue.internal")).isEmpty();
    assertThat(importing("org.thinkqueue.worker")).isEmpty();
  }

  /** Source file name to its import lines of {@code pkg}. */
  private static Map<String, List<String>> importing(String pkg) throws IOException {
    return matching(l -> l.startsWith("import " + pkg + ".") || l.startsWith("import static " + pkg + "."));
  }

  private static Map<String, List<String>> mentioning(String text) throws IOException {
    return matching(l -> l.contains(text));
  }

  private static Map<String, List<String>> matching(Predicate<String> line) throws IOException {
    assertThat(MAIN).isDirectory();
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toMap(
          f -> f.getFileName().toString(), f -> lines(f).stream().filter(line).toList()))
          .entrySet().stream().filter(e -> !e.getValue().isEmpty())
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalStateException(file.toString(), e);
    }
  }
}
