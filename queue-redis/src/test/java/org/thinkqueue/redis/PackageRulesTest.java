/*
 * Copyright 2026 the think-queue for Java authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
  private static final JavaClasses DRIVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.thinkqueue.redis");

  @Test
  void importsTheDriver() {
    assertThat(DRIVER.contain(RedisConnector.class)).isTrue();
  }

  @Test
  void usesCoreOnlyThroughTheApiTheEventsAndTheSpi() {
    classes()
        .that()
        .resideInAPackage("org.thinkqueue.redis..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("org.thinkqueue..")
                .or(
                    resideInAnyPackage(
                        "org.thinkqueue",
                        "org.thinkqueue.event",
                        "org.thinkqueue.spi",
                        "org.thinkqueue.limit",
                        "org.thinkqueue.redis..")))
        .because("core's internal and worker packages are not API; they may change in any release")
        .check(DRIVER);
  }
}
