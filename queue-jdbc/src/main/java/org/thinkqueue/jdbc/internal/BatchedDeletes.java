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
package org.thinkqueue.jdbc.internal;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.thinkqueue.ConnectionException;
import org.thinkqueue.QueueException;
import org.thinkqueue.spi.GroupCommit;

/**
 * Deletes of finished jobs from all job threads of one connector, sent as one statement and one
 * commit per batch ({@link GroupCommit}). Each reservation is matched by (id, attempts), so one
 * that expired and was taken again is left alone. A batch with unique jobs (their payload carries a
 * {@code uniqueKey}) is one transaction that also frees their keys ({@link UniqueTable#deleteAll}).
 */
public final class BatchedDeletes implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final int MAX_BATCH = 500;

  private final ConnectionSource source;
  private final String table;
  private final JdbcDialect dialect;
  private final GroupCommit<JdbcReservedJob> deletes;
  private final UniqueTable uniques;

  public BatchedDeletes(
      ConnectionSource source, String table, JdbcDialect dialect, UniqueTable uniques) {
    this.source = source;
    this.table = table;
    this.dialect = dialect;
    this.uniques = uniques;
    this.deletes =
        new GroupCommit<>(
            "queue-jdbc-acks-" + THREADS.incrementAndGet(), MAX_BATCH, this::deleteBatch);
  }

  /** Deletes {@code job}, waiting up to a minute for its batch. */
  public void delete(JdbcReservedJob job) {
    try {
      deletes.submit(job).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectionException.transientFailure(
          "Interrupted while deleting job " + job.id() + " from '" + job.queue() + "'", e);
    } catch (ExecutionException e) {
      throw failed(job, e.getCause());
    } catch (TimeoutException e) {
      throw ConnectionException.transientFailure(
          "Timed out deleting job " + job.id() + " from '" + job.queue() + "'", e);
    }
  }

  /** Deletes {@code job} with the next batch; the future fails with a {@link QueueException}. */
  public CompletableFuture<Void> deleteAsync(JdbcReservedJob job) {
    return deletes
        .submit(job)
        .handle(
            (removed, e) -> {
              if (e != null) {
                throw failed(job, e);
              }
              return null;
            });
  }

  private static QueueException failed(JdbcReservedJob job, Throwable cause) {
    return cause instanceof QueueException
        ? (QueueException) cause
        : ConnectionException.transientFailure(
            "Database failed to delete job " + job.id() + ": " + cause, cause);
  }

  private List<Boolean> deleteBatch(List<JdbcReservedJob> batch) {
    List<UniqueTable.Keyed> keyed = UniqueTable.keyed(batch);
    if (!keyed.isEmpty()) {
      return deleteWithKeys(batch, keyed);
    }
    String sql = dialect.deleteBatch(table, batch.size());
    Transactions.autoCommit(
        source,
        "delete " + batch.size() + " jobs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (JdbcReservedJob j : batch) {
              ps.setLong(p++, j.rowId());
              ps.setInt(p++, j.token());
            }
            return ps.executeUpdate();
          }
        });
    return Collections.nCopies(batch.size(), Boolean.TRUE);
  }

  /** The plain jobs in one statement and the unique ones with their keys, in one transaction. */
  private List<Boolean> deleteWithKeys(List<JdbcReservedJob> batch, List<UniqueTable.Keyed> keyed) {
    List<JdbcReservedJob> plain = new ArrayList<>(batch);
    keyed.forEach(k -> plain.remove(k.job()));
    Transactions.inTransaction(
        source,
        "delete " + batch.size() + " jobs",
        c -> {
          if (!plain.isEmpty()) {
            try (PreparedStatement ps =
                c.prepareStatement(dialect.deleteBatch(table, plain.size()))) {
              int p = 1;
              for (JdbcReservedJob j : plain) {
                ps.setLong(p++, j.rowId());
                ps.setInt(p++, j.token());
              }
              ps.executeUpdate();
            }
          }
          uniques.deleteAll(c, keyed);
          return null;
        });
    return Collections.nCopies(batch.size(), Boolean.TRUE);
  }

  /** Deletes what is pending, then stops the batching thread. */
  @Override
  public void close() {
    deletes.close();
  }
}
