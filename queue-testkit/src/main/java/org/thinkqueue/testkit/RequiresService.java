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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) that needs running servers. Before it runs, each service is looked
 * up by {@link ServiceLookup#shared()}: if one does not answer, the test is skipped with a reason
 * naming the service, the address tried and the environment variable to set, or fails with that
 * reason when the environment has {@code CI=true}. Inside the test, {@link Services} gives the
 * addresses.
 *
 * <p>Inherited, so an abstract contract suite can carry it for all its subclasses.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ServiceLookupExtension.class)
public @interface RequiresService {
  /**
   * The servers the test needs; it runs only when all of them answer.
   *
   * @return the services looked up before the test
   */
  Service[] value();
}
