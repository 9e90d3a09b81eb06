-- Rate and concurrency limits (JdbcLimiterStore), MariaDB 10.6+ / MySQL 8. ${limit_table}/${lease_table} are replaced
-- by the configured names (default queue_limits and queue_leases, after the prefix). Times are Unix microseconds on
-- the database's clock. Keys are VARBINARY (their UTF-8 bytes), so they compare exactly: a _ci or PAD SPACE
-- collation would make 'Shop', 'shop' and 'shop ' one key.
-- One row per limit key: the rate's theoretical arrival time and the next denied caller's turn (org.thinkqueue.limit.Gcra).
-- The row is also the key's lock for its leases. A row whose times have passed means the same as no row.
CREATE TABLE IF NOT EXISTS `${limit_table}` (
  `limit_key` VARBINARY(1020) NOT NULL,
  `tat_us`    BIGINT          NOT NULL,
  `turn_us`   BIGINT          NOT NULL,
  PRIMARY KEY (`limit_key`)
) ENGINE=InnoDB;
-- One row per concurrency lease; expired ones are deleted by the next acquire of the key.
CREATE TABLE IF NOT EXISTS `${lease_table}` (
  `limit_key`  VARBINARY(1020) NOT NULL,
  `token`      VARCHAR(64)     NOT NULL,
  `expires_us` BIGINT          NOT NULL,
  PRIMARY KEY (`limit_key`, `token`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
