package org.thinkqueue.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;

/** How long until a job of some queues may be available, by the database's clock. */
public final class DueTime {
  private final DataSource dataSource;
  private final TableLayout layout;

  public DueTime(DataSource dataSource, TableLayout layout) {
    this.dataSource = dataSource;
    this.layout = layout;
  }

  /** Milliseconds until a delayed job is due or a reservation expires on one of the queues; 0 if work is ready. */
  long millisUntilDue(List<String> queues) {
    long retryAfter = layout.retryAfter() == null ? -1 : layout.retryAfter().toSeconds();
    return Transactions.autoCommit(dataSource, "look for due jobs", c -> {
      long best = Long.MAX_VALUE;
      try (PreparedStatement ps = c.prepareStatement(layout.due())) {
        for (String queue : queues) {
          ps.setString(1, queue);
          ps.setString(2, queue);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long dbNowMs = rs.getLong(1);
            long available = rs.getLong(2);
            if (!rs.wasNull()) {
              // Ready once the database's whole-second clock reaches available: at available * 1000 ms.
              best = Math.min(best, available * 1000 - dbNowMs);
            }
            long reservedAt = rs.getLong(3);
            if (!rs.wasNull() && retryAfter >= 0) {
              best = Math.min(best, (reservedAt + retryAfter) * 1000 - dbNowMs);
            }
          }
          if (best <= 0) {
            return 0L;
          }
        }
      }
      return best;
    });
  }
}
