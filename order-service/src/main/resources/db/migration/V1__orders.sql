CREATE TABLE orders (
  id           VARCHAR(40)  NOT NULL PRIMARY KEY,
  booking_id   VARCHAR(64)  NOT NULL,
  consumer_id  VARCHAR(64)  NOT NULL,
  hospital_id  VARCHAR(64)  NOT NULL,
  package_id   VARCHAR(64)  NOT NULL,
  amount_cents BIGINT       NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  payment_id   VARCHAR(64)  NULL,
  close_reason VARCHAR(64)  NULL,
  version      BIGINT       NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  updated_at   DATETIME(3)  NOT NULL,
  -- One order per booking: the database enforces the idempotent create.
  CONSTRAINT uk_orders_booking UNIQUE (booking_id),
  INDEX idx_orders_consumer (consumer_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
