-- think-queue 1.x/2.x jobs table, as its README gives it, MariaDB 10.6+ / MySQL 8.
CREATE TABLE IF NOT EXISTS `${table}` (
  `id`           BIGINT UNSIGNED  NOT NULL AUTO_INCREMENT,
  `queue`        VARCHAR(255)     NOT NULL,
  `payload`      LONGTEXT         NOT NULL,
  `attempts`     TINYINT UNSIGNED NOT NULL,
  `reserved`     TINYINT UNSIGNED NOT NULL,
  `reserved_at`  INT UNSIGNED     NULL,
  `available_at` INT UNSIGNED     NOT NULL,
  `created_at`   INT UNSIGNED     NOT NULL,
  PRIMARY KEY (`id`),
  KEY `${table}_queue_id` (`queue`, `id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- 1.x has no failed-jobs table; this one has 3.x's layout.
CREATE TABLE IF NOT EXISTS `${failed_table}` (
  `id`         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  `connection` TEXT            NOT NULL,
  `queue`      TEXT            NOT NULL,
  `payload`    LONGTEXT        NOT NULL,
  `exception`  LONGTEXT        NOT NULL,
  `fail_time`  TIMESTAMP       NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- The restart signal (think-queue keeps think:queue:restart in the cache; a database-only app keeps it here).
CREATE TABLE IF NOT EXISTS `${restart_table}` (
  `signal_name`  VARCHAR(64) NOT NULL,
  `signal_value` VARCHAR(64) NOT NULL,
  PRIMARY KEY (`signal_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
