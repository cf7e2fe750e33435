-- Corporate group check-ups: campaigns, the employees' entitlements, roster imports.
-- A campaign's share of a slot is a capacity_slot row with resource 'SHARE:<campaign id>' (see CapacityCalendar).

CREATE TABLE campaign (
  id                VARCHAR(20)  NOT NULL PRIMARY KEY,
  company_id        VARCHAR(64)  NOT NULL,
  name              VARCHAR(64)  NOT NULL,
  hospital_id       VARCHAR(32)  NOT NULL,
  package_ids       VARCHAR(700) NOT NULL,
  start_date        DATE         NOT NULL,
  end_date          DATE         NOT NULL,
  quota             INT          NULL,
  budget_cents      BIGINT       NULL,
  -- What the company's bookings use now; taken with "booked + 1 <= quota AND spent + price <= budget" conditions.
  booked            INT          NOT NULL DEFAULT 0,
  spent_cents       BIGINT       NOT NULL DEFAULT 0,
  daily_share       INT          NOT NULL DEFAULT 0,
  share_cutoff_days INT          NOT NULL,
  created_by        VARCHAR(64)  NOT NULL,
  created_at        DATETIME(3)  NOT NULL,
  INDEX idx_campaign_company (company_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE entitlement (
  id            VARCHAR(40)  NOT NULL PRIMARY KEY,
  campaign_id   VARCHAR(20)  NOT NULL,
  employee_no   VARCHAR(32)  NOT NULL,
  code          CHAR(10)     NOT NULL,
  name          VARCHAR(64)  NOT NULL,
  gender        VARCHAR(8)   NOT NULL,
  birth_date    DATE         NOT NULL,
  id_number_enc VARCHAR(255) NOT NULL,
  phone_enc     VARCHAR(255) NOT NULL,
  package_id    VARCHAR(32)  NOT NULL,
  -- Keyed hash of the roster row: a re-upload of the same data changes nothing.
  row_hash      CHAR(64)     NOT NULL,
  -- The consumer account that first booked with the code, and its booking unless cancelled.
  consumer_id   VARCHAR(64)  NULL,
  booking_id    VARCHAR(40)  NULL,
  created_at    DATETIME(3)  NOT NULL,
  updated_at    DATETIME(3)  NOT NULL,
  CONSTRAINT uk_entitlement_employee UNIQUE (campaign_id, employee_no),
  CONSTRAINT uk_entitlement_code UNIQUE (code),
  INDEX idx_entitlement_booking (booking_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE roster_import (
  id             VARCHAR(40)  NOT NULL PRIMARY KEY,
  campaign_id    VARCHAR(20)  NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  total_rows     INT          NOT NULL,
  processed_rows INT          NOT NULL DEFAULT 0,
  created        INT          NOT NULL DEFAULT 0,
  updated        INT          NOT NULL DEFAULT 0,
  unchanged      INT          NOT NULL DEFAULT 0,
  rejected       INT          NOT NULL DEFAULT 0,
  -- The first rejected lines, as JSON [{line, employeeNo, reason}].
  errors         MEDIUMTEXT   NULL,
  failure        VARCHAR(500) NULL,
  started_by     VARCHAR(64)  NOT NULL,
  started_at     DATETIME(3)  NOT NULL,
  finished_at    DATETIME(3)  NULL,
  INDEX idx_roster_import_campaign (campaign_id, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
