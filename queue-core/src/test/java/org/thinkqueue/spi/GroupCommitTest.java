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
package org.thinkqueue.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
  private final List<String> flushThreads = Collections.synchronizedList(new ArrayList<>());

  private List<Boolean> record(List<String> batch) {
    batches.add(List.copyOf(batch));
    flushThreads.add(Thread.currentThread().getName());
    List<Boolean> results = new ArrayList<>();
    for (String item : batch) {
      results.add(!item.startsWith("gone"));
    }
    return results;
  }

  @Test
  void startsNoThreadUntilTheFirstSubmission() throws Exception {
    try (GroupCommit<String> commits = new GroupCommit<>("gc-test-lazy", 10, this::record)) {
      assertThat(commits.threadAlive()).isFalse();
      assertThat(threadNamed("gc-test-lazy")).isFalse();

      assertThat(commits.submit("a").get(10, TimeUnit.SECONDS)).isTrue();

      assertThat(commits.threadAlive()).isTrue();
      assertThat(flushThreads).containsExactly("gc-test-lazy");
    }
  }

  @Test
  void closingOneThatNeverStartedStartsNothingAndLaterItemsAreWrittenOnTheCaller()
      throws Exception {
    GroupCommit<String> commits = new GroupCommit<>("gc-test-never", 10, this::record);
    commits.close();
    commits.close();

    assertThat(commits.submit("gone-1").get(10, TimeUnit.SECONDS)).isFalse();

    assertThat(commits.threadAlive()).isFalse();
    assertThat(flushThreads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void itemsThatPileUpDuringAWriteGoInOneBatchOfAtMostMaxBatch() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    GroupCommit<String> commits = holdingTheFirstWrite("gc-test-batch", 3, writing, proceed);
    try {
      CompletableFuture<Boolean> first = commits.submit("first");
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Boolean>> rest = new ArrayList<>();
      for (String item : List.of("b", "gone-c", "d", "e")) {
        rest.add(commits.submit(item));
      }
      proceed.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
      List<Boolean> results = new ArrayList<>();
      for (CompletableFuture<Boolean> f : rest) {
        results.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(results).containsExactly(true, false, true, true);
      assertThat(batches)
          .containsExactly(List.of("first"), List.of("b", "gone-c", "d"), List.of("e"));
    } finally {
      commits.close();
    }
  }

  @Test
  void aFailedWriteFailsEveryItemOfItsBatchAndTheThreadGoesOn() throws Exception {
    try (GroupCommit<String> commits =
        new GroupCommit<>(
            "gc-test-fail",
            10,
            batch -> {
              if (batch.contains("boom")) {
                throw new IllegalStateException("store down");
              }
              return record(batch);
            })) {
      assertThatThrownBy(() -> commits.submit("boom").get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("store down");

      assertThat(commits.submit("after").get(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void closeWritesWhatIsPendingAndStopsTheThread() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    GroupCommit<String> commits = holdingTheFirstWrite("gc-test-close", 10, writing, proceed);
    commits.submit("first");
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> pendingAtClose = commits.submit("pending");
    proceed.countDown();
    commits.close();

    assertThat(pendingAtClose).isCompletedWithValue(true);
    assertThat(commits.threadAlive()).isFalse();
  }

  @Test
  void theWriterDoesNotInheritTheFirstSubmittersThreadLocalsOrClassLoader() throws Exception {
    InheritableThreadLocal<String> request = new InheritableThreadLocal<>();
    java.util.concurrent.atomic.AtomicReference<String> seenLocal =
        new java.util.concurrent.atomic.AtomicReference<>("unset");
    java.util.concurrent.atomic.AtomicReference<ClassLoader> seenLoader =
        new java.util.concurrent.atomic.AtomicReference<>();
    ClassLoader webApp = new ClassLoader(getClass().getClassLoader()) {};
    try (GroupCommit<String> commits =
        new GroupCommit<>(
            "gc-test-inherit",
            10,
            batch -> {
              seenLocal.set(String.valueOf(request.get()));
              seenLoader.set(Thread.currentThread().getContextClassLoader());
              return java.util.Collections.nCopies(batch.size(), true);
            })) {
      java.util.concurrent.CompletableFuture<Boolean> written =
          new java.util.concurrent.CompletableFuture<>();
      Thread requestThread =
          new Thread(
              () -> {
                request.set("request-42");
                Thread.currentThread().setContextClassLoader(webApp);
                commits.submit("a").whenComplete((ok, e) -> written.complete(ok));
              });
      requestThread.start();
      assertThat(written.get(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(seenLocal.get()).isEqualTo("null");
    assertThat(seenLoader.get()).isSameAs(GroupCommit.class.getClassLoader());
  }

  @Test
  void refusesAMaxBatchBelowOne() {
    assertThatThrownBy(() -> new GroupCommit<String>("gc-test-bad", 0, this::record))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }

  /**
   * A group commit whose write of the item "first" signals {@code writing} and waits for {@code
   * proceed}.
   */
  private GroupCommit<String> holdingTheFirstWrite(
      String name, int maxBatch, CountDownLatch writing, CountDownLatch proceed) {
    return new GroupCommit<>(
        name,
        maxBatch,
        batch -> {
          if (batch.contains("first")) {
            writing.countDown();
            assertThat(proceed.await(10, TimeUnit.SECONDS)).isTrue();
          }
          return record(batch);
        });
  }

  private static boolean threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
  }
}
