package org.thinkqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.ServiceFallback;

class RedisContainerFallbackTest {

  @Test
  void isFoundByTheServiceLookup() {
    assertThat(ServiceLoader.load(ServiceFallback.class).stream().map(ServiceLoader.Provider::type))
        .contains(RedisContainerFallback.class);
  }

  @Test
  void leavesOtherServicesAlone() {
    assertThat(new RedisContainerFallback().start(Service.POSTGRES)).isEmpty();
    assertThat(new RedisContainerFallback().start(Service.MARIADB)).isEmpty();
  }
}
