CREATE TABLE payments (
  id             VARCHAR(40)  NOT NULL PRIMARY KEY,
  order_id       VARCHAR(64)  NOT NULL,
  channel        VARCHAR(32)  NOT NULL,
  amount_cents   BIGINT       NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  channel_txn_id VARCHAR(64)  NULL,
  -- = order_id while the payment is live (PENDING, SUCCEEDED, REFUND_PENDING), NULL once refunded:
  -- at most one live payment per order, even under concurrent requests.
  live_order_id  VARCHAR(64)  NULL,
  created_at     DATETIME(3)  NOT NULL,
  updated_at     DATETIME(3)  NOT NULL,
  CONSTRAINT uk_payments_live_order UNIQUE (live_order_id),
  INDEX idx_payments_order (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every callback received, accepted or not: the audit trail of what channels said.
CREATE TABLE payment_callbacks (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  channel     VARCHAR(32)   NOT NULL,
  payment_id  VARCHAR(40)   NULL,
  outcome     VARCHAR(32)   NOT NULL,
  body        VARCHAR(2000) NOT NULL,
  received_at DATETIME(3)   NOT NULL,
  INDEX idx_callbacks_payment (payment_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
