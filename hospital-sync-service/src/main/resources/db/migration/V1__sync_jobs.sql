-- What each hospital's system must be told, retried until done or handed to a person (GAVE_UP + task id).
CREATE TABLE sync_job (
  id              VARCHAR(40)  NOT NULL PRIMARY KEY,
  job_key         VARCHAR(190) NOT NULL,
  booking_id      VARCHAR(64)  NOT NULL,
  hospital_id     VARCHAR(64)  NOT NULL,
  action          VARCHAR(16)  NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3)  NOT NULL,
  claim_token     VARCHAR(40)  NULL,
  last_error      VARCHAR(500) NULL,
  task_id         VARCHAR(40)  NULL,
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  UNIQUE KEY uk_sync_job_key (job_key),
  KEY idx_sync_job_due (status, next_attempt_at),
  KEY idx_sync_job_booking (booking_id, created_at)
);
