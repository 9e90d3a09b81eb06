package org.thinkqueue;

/**
 * Which generation of PHP think-queue the data layout matches. The two differ in keys, payload fields, columns and
 * how {@code attempts} is counted; a connector speaks exactly one of them.
 */
public enum WireFormat {
  /**
   * think-queue 1.x/2.x (ThinkPHP 5). Redis keys {@code queues:NAME}; payload {@code job, data, id, attempts} with
   * attempts 1 at push, bumped on release and on reservation expiry; DB columns {@code reserved, reserved_at,
   * available_at, created_at}.
   */
  V1,
  /**
   * think-queue 3.x (ThinkPHP 6/8). Redis keys {@code {queues:NAME}} (one Cluster hash slot); payload
   * {@code job, maxTries, timeout, data, id, attempts} with attempts 0 at push and bumped into the reserved copy; DB
   * columns {@code reserve_time, available_time, create_time}. The default.
   */
  V3
}
