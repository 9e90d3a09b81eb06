package org.thinkqueue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The static facade, as think-queue's {@code Queue::push(...)}: every call delegates to the {@link QueueManager}
 * installed with {@link #use(QueueManager)}. Prefer injecting the manager where you can; the facade is for code
 * ported from PHP and for places without dependency injection.
 */
public final class Queue {
  private static volatile QueueManager manager;

  private Queue() {}

  /** Installs the manager the static methods delegate to. */
  public static void use(QueueManager queues) {
    if (queues == null) {
      throw new IllegalArgumentException("Queue.use(null): pass a QueueManager");
    }
    manager = queues;
  }

  /**
   * The installed manager.
   *
   * @throws IllegalStateException if {@link #use(QueueManager)} was not called
   */
  public static QueueManager manager() {
    QueueManager m = manager;
    if (m == null) {
      throw new IllegalStateException("No QueueManager installed: call Queue.use(manager) at startup");
    }
    return m;
  }

  /** think-queue's {@code Queue::connection($name)}. */
  public static QueueConnection connection(String name) {
    return manager().connection(name);
  }

  public static String push(String job, Object data) {
    return manager().push(job, data);
  }

  public static String push(String job, Object data, String queue) {
    return manager().push(job, data, queue);
  }

  public static String push(String job, Object data, String queue, JobOptions options) {
    return manager().push(job, data, queue, options);
  }

  public static String push(Class<?> job, Object data) {
    return manager().push(job, data);
  }

  public static String push(Class<?> job, Object data, String queue) {
    return manager().push(job, data, queue);
  }

  public static String pushOn(String queue, String job, Object data) {
    return manager().pushOn(queue, job, data);
  }

  /** think-queue's {@code Queue::later($delay, $job, $data)}. */
  public static String later(long delaySeconds, String job, Object data) {
    return manager().later(delaySeconds, job, data);
  }

  /** think-queue's {@code Queue::later($delay, $job, $data, $queue)}. */
  public static String later(long delaySeconds, String job, Object data, String queue) {
    return manager().later(delaySeconds, job, data, queue);
  }

  public static String later(Duration delay, String job, Object data) {
    return manager().later(delay, job, data);
  }

  public static String later(Duration delay, String job, Object data, String queue) {
    return manager().later(delay, job, data, queue);
  }

  public static String later(long delaySeconds, Class<?> job, Object data, String queue) {
    return manager().later(delaySeconds, job, data, queue);
  }

  public static String later(Duration delay, Class<?> job, Object data, String queue) {
    return manager().later(delay, job, data, queue);
  }

  public static String laterOn(String queue, long delaySeconds, String job, Object data) {
    return manager().laterOn(queue, delaySeconds, job, data);
  }

  public static String laterOn(String queue, Duration delay, String job, Object data) {
    return manager().laterOn(queue, delay, job, data);
  }

  public static List<String> bulk(String job, Collection<?> dataItems, String queue) {
    return manager().bulk(job, dataItems, queue);
  }

  public static List<String> bulk(List<String> jobs, Object data, String queue) {
    return manager().bulk(jobs, data, queue);
  }

  public static QueueSize size(String queue) {
    return manager().size(queue);
  }
}
