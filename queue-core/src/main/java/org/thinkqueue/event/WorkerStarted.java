package org.thinkqueue.event;

import java.util.List;

/**
 * Fired once when a worker starts polling: after it logged its settings and read the restart signal's baseline (a
 * restart signalled from now on stops it), before its first reservation.
 *
 * @param connection the name of the connection the worker works
 * @param queues the queues it polls, in priority order
 */
public record WorkerStarted(String connection, List<String> queues) {
  /**
   * Copies {@code queues}.
   *
   * @param connection the name of the connection the worker works
   * @param queues the queues it polls, in priority order
   */
  public WorkerStarted {
    queues = List.copyOf(queues);
  }
}
