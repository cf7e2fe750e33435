-- Where the payer pays (a channel's cashier page, e.g. WeChat Pay's H5 URL), once the channel has taken the request.
ALTER TABLE payments ADD COLUMN pay_url VARCHAR(512) NULL;
-- Payments waiting for their channel (late notifications are asked for): by status and age.
CREATE INDEX idx_payments_waiting ON payments (status, updated_at);
-- Refused unsigned callbacks are deleted after 30 days (app/CallbackRetention).
CREATE INDEX idx_callbacks_received ON payment_callbacks (received_at);

-- Nonces of verified notifications: each is taken once, so a captured notification replayed within the
-- replay window is acknowledged and ignored. Rows older than a day (long past the window) are deleted.
CREATE TABLE channel_nonce (
  channel  VARCHAR(32) NOT NULL,
  nonce    VARCHAR(64) NOT NULL,
  seen_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (channel, nonce),
  INDEX idx_channel_nonce_seen (seen_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
