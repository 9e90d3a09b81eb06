package org.thinkqueue;

/** A configuration value that is missing or out of range; the message names the setting and the value. */
public final class ConfigurationException extends QueueException {
  private final String setting;

  public ConfigurationException(String setting, Object value, String requirement) {
    super("Invalid value for '" + setting + "': " + value + " (" + requirement + ")");
    this.setting = setting;
  }

  public ConfigurationException(String message) {
    super(message);
    this.setting = null;
  }

  /** The offending setting, or {@code null} when the error is not about one setting. */
  public String setting() {
    return setting;
  }
}
