-- Manual fulfillment tasks: one per key (idempotent opening), worked by one person at a time.
CREATE TABLE fulfillment_task (
  id           VARCHAR(40)   NOT NULL PRIMARY KEY,
  task_key     VARCHAR(190)  NOT NULL,
  hospital_id  VARCHAR(64)   NOT NULL,
  booking_id   VARCHAR(64)   NULL,
  kind         VARCHAR(32)   NOT NULL,
  reason       VARCHAR(1000) NULL,
  status       VARCHAR(16)   NOT NULL,
  claimed_by   VARCHAR(160)  NULL,
  outcome      VARCHAR(32)   NULL,
  note         VARCHAR(1000) NULL,
  created_at   DATETIME(3)   NOT NULL,
  updated_at   DATETIME(3)   NOT NULL,
  version      INT           NOT NULL DEFAULT 0,
  UNIQUE KEY uk_task_key (task_key),
  KEY idx_task_hospital_status (hospital_id, status, created_at)
);

-- Who did what to a task, append-only.
CREATE TABLE fulfillment_task_audit (
  id       BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  task_id  VARCHAR(40)   NOT NULL,
  at       DATETIME(3)   NOT NULL,
  actor    VARCHAR(160)  NOT NULL,
  action   VARCHAR(32)   NOT NULL,
  detail   VARCHAR(1000) NULL,
  KEY idx_audit_task (task_id, id)
);

-- The current report of a booking (a new upload replaces it; the old file stays in the store).
CREATE TABLE report_file (
  booking_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
  id           VARCHAR(40)  NOT NULL,
  hospital_id  VARCHAR(64)  NOT NULL,
  consumer_id  VARCHAR(128) NOT NULL,
  file_name    VARCHAR(128) NOT NULL,
  content_type VARCHAR(64)  NOT NULL,
  size_bytes   BIGINT       NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  storage_key  VARCHAR(255) NOT NULL,
  uploaded_by  VARCHAR(160) NOT NULL,
  uploaded_at  DATETIME(3)  NOT NULL,
  UNIQUE KEY uk_report_id (id)
);

-- Every upload and every read of a report, allowed or refused, append-only.
CREATE TABLE report_access_audit (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id  VARCHAR(64)  NOT NULL,
  report_id   VARCHAR(40)  NULL,
  at          DATETIME(3)  NOT NULL,
  actor       VARCHAR(160) NOT NULL,
  tenant_id   VARCHAR(64)  NULL,
  action      VARCHAR(16)  NOT NULL,
  allowed     BOOLEAN      NOT NULL,
  reason      VARCHAR(255) NULL,
  trace_id    VARCHAR(64)  NULL,
  KEY idx_report_audit_booking (booking_id, id)
);
