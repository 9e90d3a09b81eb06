package org.thinkqueue.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtendWith;
import org.thinkqueue.WireFormat;
import org.thinkqueue.spi.Connector;
import org.thinkqueue.testkit.WorkerContract;
import redis.clients.jedis.RedisClusterClient;

/** The worker contract on a real 3-master Redis Cluster with 3.x keys (one slot per queue by its hash tag). */
@ExtendWith(RedisClusterExtension.class)
class RedisClusterWorkerContractIT extends WorkerContract {
  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private final List<RedisClusterClient> clients = new CopyOnWriteArrayList<>();

  RedisClusterWorkerContractIT() {
    super(2_000, true, true);
  }

  @Override
  protected Connector createConnector(Duration retryAfter) {
    // A connector built on a given client does not own it; cleanUp closes it after the connector.
    RedisClusterClient client = RedisClusterExtension.newClient();
    clients.add(client);
    return RedisConnector.builder().client(client).wireFormat(WireFormat.V3).prefix(prefix).retryAfter(retryAfter)
        .build();
  }

  @Override
  protected void cleanUp() {
    clients.forEach(RedisClusterClient::close);
    clients.clear();
  }
}
