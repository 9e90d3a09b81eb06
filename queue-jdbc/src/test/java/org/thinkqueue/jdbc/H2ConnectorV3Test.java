package org.thinkqueue.jdbc;

import java.util.UUID;
import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.MutableClock;
import org.thinkqueue.testkit.TimeControl;

/** The contract on embedded H2, on a clock the suite moves: delays and leases pass without waiting. */
class H2ConnectorV3Test extends JdbcContractSupport {
  private static final MutableClock CLOCK = MutableClock.atEpochSecond(1_700_000_000L);

  private final String db = "h2test" + UUID.randomUUID().toString().substring(0, 8);

  H2ConnectorV3Test() {
    super(WireFormat.V3, TimeControl.of(CLOCK));
  }

  @Override
  JdbcConnector.Builder configure(JdbcConnector.Builder builder) {
    return builder.clock(CLOCK);
  }

  @Override
  protected String jdbcUrl() {
    return "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1";
  }
}
