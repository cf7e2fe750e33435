-- Delayed events (e.g. a hold's expiry): the broker delivers the message at deliver_at (RocketMQ timer message).
ALTER TABLE outbox_event ADD COLUMN deliver_at DATETIME(3) NULL;
