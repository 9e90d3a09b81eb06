package org.thinkqueue.internal;

/** Short forms of exception messages for error text. */
public final class Messages {
  private Messages() {}

  /** The first line of a throwable's message, or its class name when it has none. */
  public static String firstLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
