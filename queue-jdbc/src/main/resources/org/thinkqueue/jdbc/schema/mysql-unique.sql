-- Unique jobs (JobOptions.uniqueKey), MariaDB 10.6+ / MySQL 8: one row per held key, next to the jobs table ${table}.
-- Created with the other tables by createSchemaIfMissing(true); the same for both wire formats. Keys are compared
-- byte for byte (VARBINARY: no case folding, no trailing-space padding as utf8mb4 collations do); 765 bytes hold
-- 255 characters of UTF-8.
CREATE TABLE IF NOT EXISTS `${table}_unique` (
  `queue`      VARBINARY(255)  NOT NULL,
  `unique_key` VARBINARY(765)  NOT NULL,
  -- the job holding the key (an id of ${table}); NULL only inside the transaction that takes it
  `job_id`     BIGINT UNSIGNED NULL,
  -- Unix seconds after which the key is free even if the job exists (uniqueFor); NULL: until the job ends
  `expires_at` BIGINT          NULL,
  PRIMARY KEY (`queue`, `unique_key`)
) ENGINE=InnoDB;
