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
package org.thinkqueue;

/**
 * A configuration value that is missing or out of range; the message names the setting and the
 * value.
 */
public final class ConfigurationException extends QueueException {
  private static final long serialVersionUID = 1L;

  /** The offending setting, or {@code null} when the error is not about one setting. */
  private final String setting;

  /**
   * A refused setting.
   *
   * @param setting the setting's name, as the builder method is called ({@code retryAfter})
   * @param value the refused value; never a secret (redact it first)
   * @param requirement what a valid value looks like
   */
  public ConfigurationException(String setting, Object value, String requirement) {
    super("Invalid value for '" + setting + "': " + value + " (" + requirement + ")");
    this.setting = setting;
  }

  /**
   * A configuration error that is not about one setting (a missing connection, a conflict between
   * settings).
   *
   * @param message what is wrong and how to fix it
   */
  public ConfigurationException(String message) {
    super(message);
    this.setting = null;
  }

  /**
   * The offending setting.
   *
   * @return the setting's name, or {@code null} when the error is not about one setting
   */
  public String setting() {
    return setting;
  }
}
