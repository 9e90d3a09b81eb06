package org.thinkqueue.redis;

import java.time.Duration;
import org.thinkqueue.WireFormat;
import org.thinkqueue.contract.ConnectorContract;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.REDIS)
class RedisConnectorV3IT extends ConnectorContract {
  RedisConnectorV3IT() {
    super(WireFormat.V3, Capabilities.all());
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    return RedisConnector.builder().uri(Services.redisUri().toString()).wireFormat(WireFormat.V3)
        .retryAfter(retryAfter).build();
  }
}
