-- Bookings a hospital's system holds, whose check-in and report status is pulled back until the report is ready
-- (or the booking is cancelled). hospital_state is what the hospital last answered.
CREATE TABLE tracked_booking (
  booking_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
  hospital_id    VARCHAR(64)  NOT NULL,
  exam_date      DATE         NOT NULL,
  hospital_state VARCHAR(20)  NOT NULL,
  next_pull_at   DATETIME(3)  NOT NULL,
  last_error     VARCHAR(500) NULL,
  updated_at     DATETIME(3)  NOT NULL,
  KEY idx_tracked_due (next_pull_at)
);
