package org.thinkqueue.redis;

import java.time.Duration;
import org.thinkqueue.WireFormat;
import org.thinkqueue.contract.ConnectorContract;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.REDIS)
class RedisConnectorV1IT extends ConnectorContract {
  RedisConnectorV1IT() {
    super(WireFormat.V1, Capabilities.all());
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    return RedisConnector.builder().uri(Services.redisUri().toString()).wireFormat(WireFormat.V1)
        .retryAfter(retryAfter).build();
  }
}
