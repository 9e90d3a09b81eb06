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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceAddressTest {

  @Test
  void readsHostAndPortOfEveryDefault() {
    for (Service service : Service.values()) {
      ServiceAddress address = ServiceAddress.parse(service.defaultUrl(), service.defaultPort());
      assertThat(address.host()).isEqualTo("127.0.0.1");
      assertThat(address.port()).isEqualTo(service.defaultPort());
      assertThat(address.url()).isEqualTo(service.defaultUrl());
    }
  }

  @Test
  void skipsUserInfoAndUsesDefaultPortWhenNoneGiven() {
    ServiceAddress address = ServiceAddress.parse("redis://:secret@127.0.0.2/3", 6379);
    assertThat(address.hostAndPort()).isEqualTo("127.0.0.2:6379");
  }

  @Test
  void takesFirstHostOfMultiHostJdbcUrl() {
    ServiceAddress address =
        ServiceAddress.parse(
            "jdbc:postgresql://127.0.0.1:5433,127.0.0.1:5434/test?user=postgres", 5432);
    assertThat(address.hostAndPort()).isEqualTo("127.0.0.1:5433");
  }

  @Test
  void readsBracketedIpv6Host() {
    ServiceAddress address = ServiceAddress.parse("jdbc:mariadb://[::1]:3307/test", 3306);
    assertThat(address.host()).isEqualTo("::1");
    assertThat(address.hostAndPort()).isEqualTo("[::1]:3307");
  }

  @Test
  void urlWithoutHostMeansLocalhost() {
    assertThat(ServiceAddress.parse("jdbc:postgresql:test", 5432).hostAndPort())
        .isEqualTo("localhost:5432");
  }

  @Test
  void rejectsNonNumericPort() {
    assertThatThrownBy(() -> ServiceAddress.parse("redis://127.0.0.1:port/0", 6379))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis://127.0.0.1:port/0");
  }
}
