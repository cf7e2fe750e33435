-- Isolation of hospital tiers (checkup.sync.tiers / checkup.sync.tier): each copy claims only its hospitals' rows.
-- A tier copy asks for hospital_id IN (its hospitals): one index range per hospital, due rows first.
-- The default copy asks for hospital_id NOT IN (the tiers' hospitals) and keeps using idx_sync_job_due / idx_tracked_due.
CREATE INDEX idx_sync_job_hospital_due ON sync_job (status, hospital_id, next_attempt_at);
CREATE INDEX idx_tracked_hospital_due ON tracked_booking (hospital_id, next_pull_at);

-- Every running copy of the service (one row per process), so any copy can answer ops for all: which tier it serves,
-- the tier map it runs with (checkup.sync.tiers, canonical) and the circuits it holds that are not CLOSED
-- (hospital=STATE,...). Refreshed every checkup.sync.copy-report.every; rows not refreshed for three times that are
-- ignored, and removed after an hour (or when the copy stops cleanly).
CREATE TABLE sync_copy (
  instance_id VARCHAR(160) NOT NULL PRIMARY KEY,
  tier        VARCHAR(40)  NOT NULL,
  tiers       TEXT         NOT NULL,
  circuits    TEXT         NULL,
  started_at  DATETIME(3)  NOT NULL,
  seen_at     DATETIME(3)  NOT NULL,
  KEY idx_sync_copy_seen (seen_at)
);
