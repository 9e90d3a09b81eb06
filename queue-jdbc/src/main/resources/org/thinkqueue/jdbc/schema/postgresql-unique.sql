-- Unique jobs (JobOptions.uniqueKey), PostgreSQL: one row per held key, next to the jobs table ${table}. Created with
-- the other tables by createSchemaIfMissing(true); the same for both wire formats. PHP's think-queue never reads it.
CREATE TABLE IF NOT EXISTS ${table}_unique (
  queue      VARCHAR(255) NOT NULL,
  unique_key VARCHAR(255) NOT NULL,
  -- the job holding the key (an id of ${table}); NULL only inside the transaction that takes it
  job_id     BIGINT       NULL,
  -- Unix seconds after which the key is free even if the job exists (uniqueFor); NULL: until the job ends
  expires_at BIGINT       NULL,
  PRIMARY KEY (queue, unique_key)
);
