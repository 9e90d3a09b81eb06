package org.thinkqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.thinkqueue.testkit.RequiresService;
import org.thinkqueue.testkit.Service;
import org.thinkqueue.testkit.Services;

/** Proves the service lookup finds a MariaDB that HikariCP and its JDBC driver can query. */
@RequiresService(Service.MARIADB)
class MariaDbServiceIT {

  @Test
  void selectsOneThroughAPool() throws SQLException {
    try (HikariDataSource dataSource = DataSources.pool(Services.mariaDbJdbcUrl(), "mariadb-service-it");
        Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }
}
