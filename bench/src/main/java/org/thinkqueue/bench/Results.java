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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of one run: per section, rows of cells keyed by column. Numbers kept for ratios and
 * targets.
 */
public final class Results {
  private final Map<String, Map<String, Map<String, String>>> sections = new LinkedHashMap<>();
  private final Map<String, Map<String, List<String>>> columns = new LinkedHashMap<>();
  private final Map<String, Double> numbers = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  final List<String> errors = new ArrayList<>();

  void put(String section, String row, String column, String cell) {
    sections
        .computeIfAbsent(section, s -> new LinkedHashMap<>())
        .computeIfAbsent(row, r -> new LinkedHashMap<>())
        .put(column, cell);
    List<String> cols =
        columns
            .computeIfAbsent(section, s -> new LinkedHashMap<>())
            .computeIfAbsent("", k -> new ArrayList<>());
    if (!cols.contains(column)) {
      cols.add(column);
    }
  }

  /** A throughput in jobs/s, also kept as a number under {@code key}. */
  void rate(String section, String row, String column, String key, double jobsPerSecond) {
    numbers.put(key, jobsPerSecond);
    put(section, row, column, String.format(Locale.ROOT, "%,.0f", jobsPerSecond));
  }

  void number(String key, double value) {
    numbers.put(key, value);
  }

  Double get(String key) {
    return numbers.get(key);
  }

  Map<String, Double> numbers() {
    return numbers;
  }

  void error(String where, Throwable t) {
    String msg = where + ": " + t;
    errors.add(msg);
    System.err.println("[bench] ERROR " + msg);
    t.printStackTrace();
  }

  String markdown(String section) {
    Map<String, Map<String, String>> rows = sections.get(section);
    if (rows == null) {
      return "";
    }
    List<String> cols = columns.get(section).get("");
    StringBuilder sb = new StringBuilder("| " + section + " |");
    cols.forEach(c -> sb.append(' ').append(c).append(" |"));
    sb.append("\n|---|");
    cols.forEach(c -> sb.append("---:|"));
    sb.append('\n');
    rows.forEach(
        (row, cells) -> {
          sb.append("| ").append(row).append(" |");
          cols.forEach(c -> sb.append(' ').append(cells.getOrDefault(c, "")).append(" |"));
          sb.append('\n');
        });
    return sb.toString();
  }

  List<String> sectionNames() {
    return new ArrayList<>(sections.keySet());
  }

  boolean has(String section) {
    return sections.containsKey(section);
  }
}
