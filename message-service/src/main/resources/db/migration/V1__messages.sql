-- Every notification, from the event that caused it to its delivery. One per event, recipient and channel (dedupe).
CREATE TABLE message (
  id            VARCHAR(40)   NOT NULL PRIMARY KEY,
  event_id      VARCHAR(190)  NOT NULL,
  event_type    VARCHAR(64)   NOT NULL,
  kind          VARCHAR(16)   NOT NULL,
  booking_id    VARCHAR(64)   NULL,
  hospital_id   VARCHAR(64)   NOT NULL,
  recipient     VARCHAR(128)  NOT NULL,
  channel       VARCHAR(16)   NOT NULL,
  body          VARCHAR(1000) NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  attempts      INT           NOT NULL DEFAULT 0,
  send_at       DATETIME(3)   NOT NULL,
  sent_at       DATETIME(3)   NULL,
  last_error    VARCHAR(500)  NULL,
  claim_token   VARCHAR(40)   NULL,
  created_at    DATETIME(3)   NOT NULL,
  updated_at    DATETIME(3)   NOT NULL,
  UNIQUE KEY uk_message_once (event_id, recipient, channel),
  KEY idx_message_due (status, send_at),
  KEY idx_message_recipient (recipient, created_at),
  KEY idx_message_booking (booking_id, kind, status)
);

-- Texts per hospital and event; hospital 'default' is used where a hospital has none. {placeholders} from the event.
CREATE TABLE message_template (
  hospital_id  VARCHAR(64)   NOT NULL,
  event_type   VARCHAR(64)   NOT NULL,
  channel      VARCHAR(16)   NOT NULL,
  body         VARCHAR(1000) NOT NULL,
  PRIMARY KEY (hospital_id, event_type, channel)
);

INSERT INTO message_template (hospital_id, event_type, channel, body) VALUES
 ('default', 'booking.confirmed', 'APP_PUSH', 'Your check-up at {hospitalId} on {date} ({period}) is confirmed. Booking {bookingId}.'),
 ('default', 'booking.confirmed', 'SMS', '[Checkup] Check-up confirmed: {hospitalId}, {date} {period}. Booking {bookingId}.'),
 ('default', 'booking.rescheduled', 'APP_PUSH', 'Your check-up moved to {date} ({period}) at {hospitalId}.'),
 ('default', 'booking.cancelled', 'APP_PUSH', 'Your check-up on {date} at {hospitalId} is cancelled.'),
 ('default', 'booking.reminder', 'SMS', '[Checkup] Reminder: your check-up is tomorrow, {date} {period}, at {hospitalId}. No food after midnight.'),
 ('default', 'report.ready', 'APP_PUSH', 'Your check-up report is ready. Open the app to read it.');

-- What the simulated providers delivered (local use): a real provider dedupes on our message id the same way.
CREATE TABLE simulated_delivery (
  message_id   VARCHAR(40)   NOT NULL PRIMARY KEY,
  channel      VARCHAR(16)   NOT NULL,
  recipient    VARCHAR(128)  NOT NULL,
  body         VARCHAR(1000) NOT NULL,
  delivered_at DATETIME(3)   NOT NULL
);
