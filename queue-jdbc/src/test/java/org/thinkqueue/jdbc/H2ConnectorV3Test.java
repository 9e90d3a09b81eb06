package org.thinkqueue.jdbc;

import java.util.UUID;
import org.thinkqueue.WireFormat;

class H2ConnectorV3Test extends JdbcContractSupport {
  private final String db = "h2test" + UUID.randomUUID().toString().substring(0, 8);

  H2ConnectorV3Test() {
    super(WireFormat.V3);
  }

  @Override
  protected String jdbcUrl() {
    return "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1";
  }
}
