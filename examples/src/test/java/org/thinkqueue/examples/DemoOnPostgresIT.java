package org.thinkqueue.examples;

import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

@RequiresService(Service.POSTGRES)
class DemoOnPostgresIT extends DemoScenarioSupport {
  @Override
  protected ExampleApp.Options options() {
    return ExampleApp.Options.defaults().withJdbc(Services.postgresJdbcUrl());
  }
}
