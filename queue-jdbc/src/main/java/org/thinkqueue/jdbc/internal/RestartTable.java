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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.thinkqueue.ConfigurationException;

/**
 * The restart signal, kept in the {@code queue_restart} table (created by the DDL resource;
 * think-queue keeps it in the cache): the database's Unix time of the last {@code queue:restart}.
 */
public final class RestartTable {
  private static final String RESTART_NAME = "think:queue:restart";

  private final ConnectionSource source;
  private final String table;
  private final TableLayout layout;
  private final String ddlResource;

  public RestartTable(
      ConnectionSource source, String table, TableLayout layout, String ddlResource) {
    this.source = source;
    this.table = table;
    this.layout = layout;
    this.ddlResource = ddlResource;
  }

  /** The last signal; empty when there is none or the table does not exist. */
  public Optional<String> lastRestart() {
    return Transactions.autoCommit(
        source,
        "read the restart signal",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT signal_value FROM " + table + " WHERE signal_name = ?")) {
            ps.setString(1, RESTART_NAME);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          } catch (SQLException e) {
            if (SqlErrors.isMissingTable(e)) {
              return Optional.<String>empty();
            }
            throw e;
          }
        });
  }

  /**
   * Sets the signal to the database's current Unix time.
   *
   * @throws ConfigurationException naming the table and the DDL that creates it when it does not
   *     exist
   */
  public void signalRestart() {
    Transactions.inTransaction(
        source,
        "set the restart signal",
        c -> {
          try {
            try (PreparedStatement del =
                c.prepareStatement("DELETE FROM " + table + " WHERE signal_name = ?")) {
              del.setString(1, RESTART_NAME);
              del.executeUpdate();
            }
            long dbNow;
            try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(layout.selectNow())) {
              rs.next();
              dbNow = rs.getLong(1);
            }
            try (PreparedStatement ins =
                c.prepareStatement(
                    "INSERT INTO " + table + " (signal_name, signal_value) VALUES (?, ?)")) {
              ins.setString(1, RESTART_NAME);
              ins.setString(2, Long.toString(dbNow));
              ins.executeUpdate();
            }
          } catch (SQLException e) {
            if (SqlErrors.isMissingTable(e)) {
              throw new ConfigurationException(
                  "restartTable",
                  table,
                  "it does not exist; create it with "
                      + "the DDL in "
                      + ddlResource
                      + " or createSchemaIfMissing(true)");
            }
            throw e;
          }
          return null;
        });
  }
}
