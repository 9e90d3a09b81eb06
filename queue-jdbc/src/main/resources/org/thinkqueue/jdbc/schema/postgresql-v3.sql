-- think-queue 3.x jobs table (queue:table), PostgreSQL. ${table}/${failed_table} are replaced by the configured names.
CREATE TABLE IF NOT EXISTS ${table} (
  id             BIGSERIAL    PRIMARY KEY,
  queue          VARCHAR(255) NOT NULL,
  payload        TEXT         NOT NULL,
  attempts       SMALLINT     NOT NULL,
  reserve_time   BIGINT       NULL,
  available_time BIGINT       NOT NULL,
  create_time    BIGINT       NOT NULL
);
-- Reservation walks one queue in id order.
CREATE INDEX IF NOT EXISTS ${table}_queue_id ON ${table} (queue, id);
-- think-queue 3.x failed_jobs table (queue:failed-table).
CREATE TABLE IF NOT EXISTS ${failed_table} (
  id         BIGSERIAL PRIMARY KEY,
  connection TEXT      NOT NULL,
  queue      TEXT      NOT NULL,
  payload    TEXT      NOT NULL,
  exception  TEXT      NOT NULL,
  fail_time  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- The restart signal (think-queue keeps think:queue:restart in the cache; a database-only app keeps it here).
CREATE TABLE IF NOT EXISTS ${restart_table} (
  signal_name  VARCHAR(64) NOT NULL PRIMARY KEY,
  signal_value VARCHAR(64) NOT NULL
);
