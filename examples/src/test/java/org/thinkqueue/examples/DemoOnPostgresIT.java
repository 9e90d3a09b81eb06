package org.thinkqueue.examples;

import org.thinkqueue.testing.RequiresService;
import org.thinkqueue.testing.Service;
import org.thinkqueue.testing.Services;

@RequiresService(Service.POSTGRES)
class DemoOnPostgresIT extends DemoScenarioSupport {
  @Override
  protected ExampleApp.Options options() {
    return ExampleApp.Options.defaults().withJdbc(Services.postgresJdbcUrl());
  }
}
