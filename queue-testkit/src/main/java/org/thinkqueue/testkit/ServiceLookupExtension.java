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
package org.thinkqueue.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 side of {@link RequiresService}: disables (skips) the annotated class or method when
 * a service does not answer, or throws {@link ServiceUnavailableException} under {@code CI=true},
 * which JUnit reports as a failure of that class or method.
 */
public final class ServiceLookupExtension implements ExecutionCondition {

  private final ServiceLookup lookup;

  /** The extension JUnit creates for {@link RequiresService}, on {@link ServiceLookup#shared()}. */
  public ServiceLookupExtension() {
    this(ServiceLookup.shared());
  }

  ServiceLookupExtension(ServiceLookup lookup) {
    this.lookup = lookup;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresService> required =
        AnnotationSupport.findAnnotation(context.getElement(), RequiresService.class);
    if (required.isEmpty()) {
      return ConditionEvaluationResult.enabled("no @RequiresService here");
    }
    List<String> skipped = new ArrayList<>();
    List<String> ready = new ArrayList<>();
    for (Service service : required.get().value()) {
      ServiceLookup.Verdict verdict = lookup.check(service);
      switch (verdict.outcome()) {
        case FAIL -> throw new ServiceUnavailableException(verdict.reason());
        case SKIP -> skipped.add(verdict.reason());
        case RUN ->
            ready.add(
                service.displayName() + " at " + lookup.resolve(service).address().hostAndPort());
      }
    }
    return skipped.isEmpty()
        ? ConditionEvaluationResult.enabled(String.join(", ", ready))
        : ConditionEvaluationResult.disabled(String.join(" ", skipped));
  }
}
