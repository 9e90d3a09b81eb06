package org.thinkqueue.internal;

import org.thinkqueue.InvalidQueueNameException;

/** Validation of queue names: {@code [A-Za-z0-9_.:{}-]{1,255}}. */
public final class QueueNames {
  private QueueNames() {}

  /** @throws InvalidQueueNameException naming the bad name */
  public static String require(String queue) {
    if (queue == null || queue.isEmpty() || queue.length() > 255) {
      throw new InvalidQueueNameException(queue);
    }
    for (int i = 0; i < queue.length(); i++) {
      char c = queue.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == ':' || c == '{' || c == '}' || c == '-';
      if (!ok) {
        throw new InvalidQueueNameException(queue);
      }
    }
    return queue;
  }
}
