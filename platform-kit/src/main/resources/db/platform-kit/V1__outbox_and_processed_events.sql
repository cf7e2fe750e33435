-- Tables every service schema gets from platform-kit (own Flyway history: platform_kit_schema_history).

-- Transactional outbox: a row is written in the same transaction as the state change it announces,
-- then relayed to RocketMQ. PENDING rows are (re)sent; SENT rows are kept for audit and pruned later.
CREATE TABLE outbox_event (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_id        VARCHAR(64)   NOT NULL,
  topic           VARCHAR(127)  NOT NULL,
  event_type      VARCHAR(64)   NOT NULL,
  message_key     VARCHAR(128)  NULL,
  payload         MEDIUMTEXT    NOT NULL,
  headers         VARCHAR(2000) NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  attempts        INT           NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3)   NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  sent_at         DATETIME(3)   NULL,
  last_error      VARCHAR(500)  NULL,
  CONSTRAINT uk_outbox_event_id UNIQUE (event_id),
  INDEX idx_outbox_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotent consuming: one row per (consumer group, event id), written in the handler's transaction.
CREATE TABLE processed_event (
  consumer_group VARCHAR(127) NOT NULL,
  event_id       VARCHAR(64)  NOT NULL,
  processed_at   DATETIME(3)  NOT NULL,
  PRIMARY KEY (consumer_group, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
