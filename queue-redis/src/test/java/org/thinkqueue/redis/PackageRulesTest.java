package org.thinkqueue.redis;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A driver sees core only through the API, the events and the SPI (architecture review §3.1). */
class PackageRulesTest {
  private static final JavaClasses DRIVER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.thinkqueue.redis");

  @Test
  void importsTheDriver() {
    assertThat(DRIVER.contain(RedisConnector.class)).isTrue();
  }

  @Test
  void usesCoreOnlyThroughTheApiTheEventsAndTheSpi() {
    classes().that().resideInAPackage("org.thinkqueue.redis..")
        .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.thinkqueue..").or(resideInAnyPackage(
            "org.thinkqueue", "org.thinkqueue.event", "org.thinkqueue.spi", "org.thinkqueue.redis..")))
        .because("core's internal and worker packages are not API; they may change in any release")
        .check(DRIVER);
  }
}
