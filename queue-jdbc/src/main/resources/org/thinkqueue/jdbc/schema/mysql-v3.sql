-- think-queue 3.x jobs table (queue:table), MariaDB 10.6+ / MySQL 8.
CREATE TABLE IF NOT EXISTS `${table}` (
  `id`             BIGINT UNSIGNED  NOT NULL AUTO_INCREMENT,
  `queue`          VARCHAR(255)     NOT NULL,
  `payload`        LONGTEXT         NOT NULL,
  `attempts`       TINYINT UNSIGNED NOT NULL,
  `reserve_time`   INT UNSIGNED     NULL,
  `available_time` INT UNSIGNED     NOT NULL,
  `create_time`    INT UNSIGNED     NOT NULL,
  PRIMARY KEY (`id`),
  KEY `${table}_queue_id` (`queue`, `id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- think-queue 3.x failed_jobs table (queue:failed-table).
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
