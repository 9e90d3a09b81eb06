package org.thinkqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.ServiceFallback;

class DatabaseContainerFallbackTest {

  @Test
  void isFoundByTheServiceLookup() {
    assertThat(ServiceLoader.load(ServiceFallback.class).stream().map(ServiceLoader.Provider::type))
        .contains(DatabaseContainerFallback.class);
  }

  @Test
  void leavesRedisAlone() {
    assertThat(new DatabaseContainerFallback().start(Service.REDIS)).isEmpty();
  }
}
