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
package org.thinkqueue.spi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Takes secrets out of text that goes into messages and logs: passwords in URIs and JDBC URLs. */
public final class Redaction {
  /**
   * {@code scheme://user:secret@host} and {@code scheme://secret@host}: everything between :// and
   * the last @ of the token, so a password with a raw @ or / in a malformed URI is masked too.
   */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)([^\\s'\"]*@)");

  /** {@code password=...} / {@code pwd=...} parameters of JDBC URLs (; & ? separated). */
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile(
          "(?i)((?:password|pwd|passwd|secret|token|sslpassword|keystorepassword|truststorepassword)=)[^;&\\s]*");

  private static final String MASK = "****";

  private Redaction() {}

  /**
   * The text with URI credentials and password parameters masked: {@code redis://u:S3cr3t@h:1/0}
   * becomes {@code redis://u:****@h:1/0}; {@code jdbc:x://h/db?user=a&password=b} becomes {@code
   * ...password=****}. Thread-safe.
   *
   * @param text the text, possibly {@code null}
   * @return the masked text; {@code null} for {@code null}
   */
  public static String secrets(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String info = m.group(2);
      String body = info.substring(0, info.length() - 1);
      int colon = body.indexOf(':');
      String masked =
          colon >= 0 ? body.substring(0, colon + 1) + MASK : (body.isEmpty() ? "" : MASK);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked + "@"));
    }
    m.appendTail(out);
    return PASSWORD_PARAM.matcher(out).replaceAll("$1" + MASK);
  }
}
