-- Rate and concurrency limits (JdbcLimiterStore), H2 2.x. ${limit_table}/${lease_table} are replaced by the configured
-- names (default queue_limits and queue_leases, after the prefix). Times are Unix microseconds on the database's clock.
-- One row per limit key: the rate's theoretical arrival time and the next denied caller's turn (org.thinkqueue.limit.Gcra).
-- The row is also the key's lock for its leases. A row whose times have passed means the same as no row.
CREATE TABLE IF NOT EXISTS ${limit_table} (
  limit_key VARCHAR(255) NOT NULL PRIMARY KEY,
  tat_us    BIGINT       NOT NULL,
  turn_us   BIGINT       NOT NULL
);
-- One row per concurrency lease; expired ones are deleted by the next acquire of the key.
CREATE TABLE IF NOT EXISTS ${lease_table} (
  limit_key  VARCHAR(255) NOT NULL,
  token      VARCHAR(64)  NOT NULL,
  expires_us BIGINT       NOT NULL,
  PRIMARY KEY (limit_key, token)
);
