package org.thinkqueue.redis;

import java.time.Duration;
import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.ConnectorContract;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

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
