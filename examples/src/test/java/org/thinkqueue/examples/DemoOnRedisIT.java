package org.thinkqueue.examples;

import java.util.UUID;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.REDIS)
class DemoOnRedisIT extends DemoScenarioSupport {
  @Override
  protected ExampleApp.Options options() {
    return ExampleApp.Options.defaults().withJdbc("jdbc:h2:mem:demo" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .withRedis(Services.redisUri().toString());
  }
}
