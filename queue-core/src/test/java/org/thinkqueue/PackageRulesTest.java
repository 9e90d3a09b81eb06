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
package org.thinkqueue;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thinkqueue.worker.Backoff;

/**
 * The layering of queue-core (architecture review §3.1): the SPI and the events sit under the API,
 * nothing but core reaches into {@code internal}, and the only accepted package cycles are the API
 * with its implementation package {@code org.thinkqueue.internal} (facade/implementation, as in
 * HikariCP and Resilience4j) and with its SPI.
 */
class PackageRulesTest {
  private static JavaClasses core;

  /**
   * One slice per package, except that {@code org.thinkqueue.internal} and {@code
   * org.thinkqueue.spi} count as part of {@code org.thinkqueue}. internal: the
   * facade/implementation pair. spi: the API is configured with connectors and stores ({@code
   * QueueManager.Builder.connection(name, Connector)}) while the SPI speaks in API value types
   * ({@code WireFormat}, {@code QueueSize}, {@code FailedJob}), as {@code org.slf4j} and {@code
   * org.slf4j.spi} do; {@link #spiDependsOnlyOnTheApiAndTheEvents()} keeps the SPI itself from
   * reaching anywhere else.
   */
  private static final SliceAssignment PACKAGE_SLICES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String p = javaClass.getPackageName();
          if (!p.equals("org.thinkqueue") && !p.startsWith("org.thinkqueue.")) {
            return SliceIdentifier.ignore();
          }
          boolean api =
              p.equals("org.thinkqueue")
                  || p.startsWith("org.thinkqueue.internal")
                  || p.startsWith("org.thinkqueue.spi");
          return SliceIdentifier.of(api ? "org.thinkqueue" : p);
        }

        @Override
        public String getDescription() {
          return "core packages (internal and spi counted with org.thinkqueue)";
        }
      };

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.thinkqueue");
  }

  @Test
  void importsTheMainClassesOfCoreOnly() {
    // A rule over an empty or a wrong import passes vacuously: make sure it sees core and nothing
    // else.
    assertThat(core.contain("org.thinkqueue.QueueManager")).isTrue();
    assertThat(core.contain("org.thinkqueue.spi.Connector")).isTrue();
    assertThat(core.stream().map(JavaClass::getPackageName).distinct().toList())
        .allMatch(
            p ->
                p.matches(
                    "org\\.thinkqueue(\\.(event|spi|internal|worker|memory|sync|limit)(\\..*)?)?"));
  }

  @Test
  void spiDependsOnlyOnTheApiAndTheEvents() {
    classes()
        .that()
        .resideInAPackage("org.thinkqueue.spi..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("org.thinkqueue..")
                .or(
                    resideInAnyPackage(
                        "org.thinkqueue", "org.thinkqueue.event", "org.thinkqueue.spi..")))
        .because(
            "drivers implement the SPI; it must not drag the worker, memory or internal code with it")
        .check(core);
  }

  @Test
  void eventsDependOnlyOnTheApi() {
    classes()
        .that()
        .resideInAPackage("org.thinkqueue.event..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("org.thinkqueue..")
                .or(resideInAnyPackage("org.thinkqueue", "org.thinkqueue.event..")))
        .because("listeners are shared by the worker and the sync driver")
        .check(core);
  }

  @Test
  void theApiDoesNotReachIntoTheWorkerOrTheMemoryDriver() {
    noClasses()
        .that()
        .resideInAPackage("org.thinkqueue")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("org.thinkqueue.worker..", "org.thinkqueue.memory..")
                .and(DescribedPredicate.not(equivalentTo(Backoff.class))))
        .because(
            "QueueManager's default failed-job store comes from the connector (ProvidesFailedJobStore), "
                + "not a hidden in-memory one; Backoff is a value JobPolicy takes, not worker code")
        .check(core);
  }

  @Test
  void noPackageCyclesButTheFacadeWithItsImplementation() {
    // JobPolicy (API) takes a Backoff, a value type that lives in the worker package.
    slices()
        .assignedFrom(PACKAGE_SLICES)
        .should()
        .beFreeOfCycles()
        .ignoreDependency(resideInAPackage("org.thinkqueue"), equivalentTo(Backoff.class))
        .check(core);
  }

  @Test
  void internalIsNotUsedBySpiOrEvents() {
    noClasses()
        .that()
        .resideInAnyPackage("org.thinkqueue.spi..", "org.thinkqueue.event..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.thinkqueue.internal..", "org.thinkqueue.worker..", "org.thinkqueue.memory..")
        .check(core);
  }
}
