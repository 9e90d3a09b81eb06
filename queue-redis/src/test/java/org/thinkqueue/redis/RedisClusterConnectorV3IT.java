package org.thinkqueue.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.thinkqueue.WireFormat;
import org.thinkqueue.testkit.ConnectorContract;
import org.thinkqueue.spi.Connector;
import redis.clients.jedis.RedisClusterClient;

/** The whole contract on a real 3-master Redis Cluster with 3.x keys, which share one slot per queue. */
@ExtendWith(RedisClusterExtension.class)
class RedisClusterConnectorV3IT extends ConnectorContract {
  private final List<RedisClusterClient> clients = new ArrayList<>();

  RedisClusterConnectorV3IT() {
    super(WireFormat.V3, Capabilities.all());
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    // A connector built on a given client does not own it; the test closes it.
    RedisClusterClient client = RedisClusterExtension.newClient();
    clients.add(client);
    return RedisConnector.builder().client(client).wireFormat(WireFormat.V3).retryAfter(retryAfter).build();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(RedisClusterClient::close);
    clients.clear();
  }
}
