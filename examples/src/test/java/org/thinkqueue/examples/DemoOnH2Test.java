package org.thinkqueue.examples;

import java.util.UUID;

class DemoOnH2Test extends DemoScenarioSupport {
  @Override
  protected ExampleApp.Options options() {
    return ExampleApp.Options.defaults().withJdbc("jdbc:h2:mem:demo" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
