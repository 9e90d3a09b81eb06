-- think-queue 1.x/2.x jobs table (README of the ThinkPHP 5 versions), PostgreSQL.
CREATE TABLE IF NOT EXISTS ${table} (
  id           BIGSERIAL    PRIMARY KEY,
  queue        VARCHAR(255) NOT NULL,
  payload      TEXT         NOT NULL,
  attempts     SMALLINT     NOT NULL,
  reserved     SMALLINT     NOT NULL,
  reserved_at  BIGINT       NULL,
  available_at BIGINT       NOT NULL,
  created_at   BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS ${table}_queue_id ON ${table} (queue, id);
-- 1.x has no failed-jobs table; this one has 3.x's layout.
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
