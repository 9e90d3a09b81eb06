package org.thinkqueue.jdbc.internal;

import java.util.List;
import org.thinkqueue.spi.ReservedJob;

/** Claims available jobs of one table: ready ones and those whose reservation expired, oldest first. */
public interface Reservation {
  /** Reserves up to {@code max} jobs of {@code queue} ({@code max >= 1}), in id order; empty if none is available. */
  List<ReservedJob> reserve(String queue, int max);
}
