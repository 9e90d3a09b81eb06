package org.thinkqueue;

/** A configuration value that is missing or out of range; the message names the setting and the value. */
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
   * A configuration error that is not about one setting (a missing connection, a conflict between settings).
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
