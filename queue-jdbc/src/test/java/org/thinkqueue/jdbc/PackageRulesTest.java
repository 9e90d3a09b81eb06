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
package org.thinkqueue.jdbc;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A driver sees core only through the API, the events and the SPI (architecture review §3.1), and
 * the PostgreSQL driver, an optional dependency, is touched by one internal class only, which the
 * JVM loads for PostgreSQL alone.
 */
class PackageRulesTest {
  private static final JavaClasses DRIVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.thinkqueue.jdbc");

  @Test
  void importsTheDriver() {
    assertThat(DRIVER.contain(JdbcConnector.class)).isTrue();
  }

  @Test
  void usesCoreOnlyThroughTheApiTheEventsAndTheSpi() {
    classes()
        .that()
        .resideInAPackage("org.thinkqueue.jdbc..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("org.thinkqueue..")
                .or(
                    resideInAnyPackage(
                        "org.thinkqueue",
                        "org.thinkqueue.event",
                        "org.thinkqueue.spi",
                        "org.thinkqueue.limit",
                        "org.thinkqueue.jdbc..")))
        .because("core's internal and worker packages are not API; they may change in any release")
        .check(DRIVER);
  }

  @Test
  void onlyOneInternalClassUsesThePostgresDriver() {
    Set<String> users = new TreeSet<>();
    for (JavaClass c : DRIVER) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        if (d.getTargetClass().getPackageName().startsWith("org.postgresql")) {
          users.add(topLevel(c).getName());
        }
      }
    }
    // Exactly one: an empty set would mean the import saw nothing, and the rule would pass
    // vacuously.
    assertThat(users)
        .as("classes using org.postgresql")
        .containsExactly("org.thinkqueue.jdbc.internal.PgNotifications");
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }
}
