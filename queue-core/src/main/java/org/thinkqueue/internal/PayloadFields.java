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
package org.thinkqueue.internal;

import java.util.Map;

/**
 * Sets top-level number fields of a payload by editing its text, so every other byte stays as it
 * was: a field that exists has its value replaced in place, a new one is inserted before the
 * top-level {@code "id"} (so {@code id} and {@code attempts} stay last, where the drivers edit
 * {@code attempts}), or before the closing brace when there is no {@code id}. Nested values are
 * never touched. What the worker uses to keep its own fields (a retry deadline, a count of thrown
 * exceptions) in a released job. Stateless.
 */
public final class PayloadFields {
  private PayloadFields() {}

  /**
   * {@code raw} with each of {@code fields} set to its number.
   *
   * @param raw a payload as stored
   * @param fields names (plain, without characters JSON escapes) and values, in insertion order
   * @return the edited payload, or {@code null} if {@code raw} is not a JSON object this scanner
   *     can follow (the caller then keeps the stored payload)
   */
  public static String withNumbers(String raw, Map<String, Long> fields) {
    String out = raw;
    for (Map.Entry<String, Long> f : fields.entrySet()) {
      out = withNumber(out, f.getKey(), f.getValue());
      if (out == null) {
        return null;
      }
    }
    return out;
  }

  private static String withNumber(String s, String name, long value) {
    Members m = scan(s, name);
    if (m == null) {
      return null;
    }
    String text = Long.toString(value);
    if (m.valueStart >= 0) {
      return s.substring(0, m.valueStart) + text + s.substring(m.valueEnd);
    }
    String member = "\"" + name + "\":" + text;
    if (m.idKeyStart >= 0) {
      return s.substring(0, m.idKeyStart) + member + "," + s.substring(m.idKeyStart);
    }
    return s.substring(0, m.close) + (m.empty ? "" : ",") + member + s.substring(m.close);
  }

  /** Where the named member's value is, where the top-level "id" key starts, where "}" is. */
  private static final class Members {
    int valueStart = -1;
    int valueEnd = -1;
    int idKeyStart = -1;
    int close = -1;
    boolean empty = true;
  }

  private static Members scan(String s, String name) {
    int n = s.length();
    int p = skipWs(s, s.startsWith("\uFEFF") ? 1 : 0);
    if (p >= n || s.charAt(p) != '{') {
      return null;
    }
    Members m = new Members();
    p = skipWs(s, p + 1);
    if (p < n && s.charAt(p) == '}') {
      m.close = p;
      return m;
    }
    while (p < n) {
      if (s.charAt(p) != '"') {
        return null;
      }
      int keyEnd = stringEnd(s, p);
      if (keyEnd < 0) {
        return null;
      }
      String key = s.substring(p + 1, keyEnd);
      int keyStart = p;
      p = skipWs(s, keyEnd + 1);
      if (p >= n || s.charAt(p) != ':') {
        return null;
      }
      p = skipWs(s, p + 1);
      int end = valueEnd(s, p);
      if (end < 0) {
        return null;
      }
      if (key.equals(name)) {
        m.valueStart = p;
        m.valueEnd = end;
      } else if (key.equals("id") && m.idKeyStart < 0) {
        m.idKeyStart = keyStart;
      }
      m.empty = false;
      p = skipWs(s, end);
      if (p >= n) {
        return null;
      }
      char c = s.charAt(p);
      if (c == '}') {
        m.close = p;
        return m;
      }
      if (c != ',') {
        return null;
      }
      p = skipWs(s, p + 1);
    }
    return null;
  }

  private static int skipWs(String s, int p) {
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        break;
      }
      p++;
    }
    return p;
  }

  /** Index of the quote closing the string that opens at {@code p}, or -1. */
  private static int stringEnd(String s, int p) {
    for (int i = p + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  /** Index just past the JSON value that starts at {@code p}, or -1. */
  private static int valueEnd(String s, int p) {
    int n = s.length();
    if (p >= n) {
      return -1;
    }
    char c = s.charAt(p);
    if (c == '"') {
      int e = stringEnd(s, p);
      return e < 0 ? -1 : e + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      for (int i = p; i < n; i++) {
        char d = s.charAt(i);
        if (d == '"') {
          i = stringEnd(s, i);
          if (i < 0) {
            return -1;
          }
        } else if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          if (--depth == 0) {
            return i + 1;
          }
        }
      }
      return -1;
    }
    int i = p;
    while (i < n) {
      char d = s.charAt(i);
      if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\r' || d == '\n') {
        break;
      }
      i++;
    }
    return i == p ? -1 : i;
  }
}
