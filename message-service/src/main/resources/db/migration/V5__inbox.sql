-- Consumers' in-app notices (the inbox): kept for good, read by long polls with a cursor.
-- Each user's notices are numbered 1, 2, 3, ... (seq) when shown; inbox_user holds the last number. Taking the next
-- number updates the user's row, which stays locked until the commit, so one user's numbers are committed in order and
-- a poll that saw number n never later finds an n-1 committed behind it.
CREATE TABLE inbox_user (
  user_id     VARCHAR(128) NOT NULL PRIMARY KEY,
  last_seq    BIGINT       NOT NULL,
  -- database time of the last number: instances look here (every second) for users with new notices
  updated_at  DATETIME(3)  NOT NULL,
  KEY idx_inbox_user_updated (updated_at)
);

-- A notice is recorded once per source (the event id, or 'reminder:<event id>' for the day-before reminder it
-- scheduled). SCHEDULED: recorded, not numbered yet (a reminder before its day; polls never see it); SHOWN: numbered,
-- seen by polls; CALLED_OFF: a reminder of a booking that was cancelled or moved; EXPIRED: a reminder found too late.
CREATE TABLE inbox_notice (
  id           VARCHAR(40)   NOT NULL PRIMARY KEY,
  user_id      VARCHAR(128)  NOT NULL,
  seq          BIGINT        NULL,
  source_key   VARCHAR(190)  NOT NULL,
  kind         VARCHAR(32)   NOT NULL,
  booking_id   VARCHAR(64)   NULL,
  hospital_id  VARCHAR(64)   NULL,
  params       VARCHAR(2000) NOT NULL,
  state        VARCHAR(16)   NOT NULL,
  due_at       DATETIME(3)   NOT NULL,
  recorded_at  DATETIME(3)   NOT NULL,
  created_at   DATETIME(3)   NULL,
  UNIQUE KEY uk_inbox_source (source_key),
  UNIQUE KEY uk_inbox_user_seq (user_id, seq),
  KEY idx_inbox_due (state, due_at),
  KEY idx_inbox_booking (booking_id)
);
