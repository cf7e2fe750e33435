-- booking-service schema: catalogue, capacity calendar, bookings. MySQL 8 ∩ MariaDB 10.6+ SQL.

CREATE TABLE hospital (
  id         VARCHAR(32)  NOT NULL PRIMARY KEY,
  name       VARCHAR(128) NOT NULL,
  city       VARCHAR(64)  NOT NULL,
  timezone   VARCHAR(64)  NOT NULL,
  -- How bookings reach the hospital (hospital-sync-service): HTTP_JSON or MANUAL.
  connector  VARCHAR(16)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE exam_item (
  id       VARCHAR(32)  NOT NULL PRIMARY KEY,
  name     VARCHAR(128) NOT NULL,
  -- The limited resource the examination uses (CT, ULTRASOUND, ...); GENERAL is not limited.
  resource VARCHAR(32)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE checkup_package (
  id          VARCHAR(32)  NOT NULL PRIMARY KEY,
  hospital_id VARCHAR(32)  NOT NULL,
  name        VARCHAR(128) NOT NULL,
  price_cents BIGINT       NOT NULL,
  gender      VARCHAR(8)   NOT NULL,
  min_age     INT          NOT NULL,
  max_age     INT          NOT NULL,
  active      TINYINT(1)   NOT NULL DEFAULT 1,
  INDEX idx_package_hospital (hospital_id),
  CONSTRAINT fk_package_hospital FOREIGN KEY (hospital_id) REFERENCES hospital (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE package_item (
  package_id VARCHAR(32) NOT NULL,
  item_id    VARCHAR(32) NOT NULL,
  PRIMARY KEY (package_id, item_id),
  CONSTRAINT fk_package_item_package FOREIGN KEY (package_id) REFERENCES checkup_package (id),
  CONSTRAINT fk_package_item_item FOREIGN KEY (item_id) REFERENCES exam_item (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per hospital, day, period and resource; resource 'TOTAL' is the slot's overall number of places.
-- Places are only ever taken with "used = used + 1 ... AND used < total" (never read-then-write).
CREATE TABLE capacity_slot (
  hospital_id VARCHAR(32) NOT NULL,
  slot_date   DATE        NOT NULL,
  period      VARCHAR(16) NOT NULL,
  resource    VARCHAR(32) NOT NULL,
  total       INT         NOT NULL,
  used        INT         NOT NULL DEFAULT 0,
  PRIMARY KEY (hospital_id, slot_date, period, resource),
  CONSTRAINT ck_capacity_used CHECK (used >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE booking (
  id                  VARCHAR(40)  NOT NULL PRIMARY KEY,
  consumer_id         VARCHAR(64)  NOT NULL,
  idempotency_key     VARCHAR(64)  NOT NULL,
  -- Keyed hash of the request, so a repeat with the same key but other data is told apart (no personal data).
  request_fingerprint CHAR(64)     NOT NULL,
  hospital_id         VARCHAR(32)  NOT NULL,
  package_id          VARCHAR(32)  NOT NULL,
  slot_date           DATE         NOT NULL,
  period              VARCHAR(16)  NOT NULL,
  -- The limited resources taken with the place, so exactly those are given back even if the package changes.
  resources           VARCHAR(255) NOT NULL,
  amount_cents        BIGINT       NOT NULL,
  status              VARCHAR(16)  NOT NULL,
  order_id            VARCHAR(64)  NULL,
  hold_expires_at     DATETIME(3)  NULL,
  examinee_name       VARCHAR(64)  NOT NULL,
  examinee_gender     VARCHAR(8)   NOT NULL,
  examinee_birth_date DATE         NOT NULL,
  id_number_enc       VARCHAR(255) NOT NULL,
  phone_enc           VARCHAR(255) NOT NULL,
  cancel_reason       VARCHAR(64)  NULL,
  version             INT          NOT NULL,
  created_at          DATETIME(3)  NOT NULL,
  updated_at          DATETIME(3)  NOT NULL,
  CONSTRAINT uk_booking_idempotency UNIQUE (consumer_id, idempotency_key),
  INDEX idx_booking_consumer (consumer_id, created_at),
  INDEX idx_booking_hold_due (status, hold_expires_at),
  INDEX idx_booking_slot (hospital_id, slot_date, period)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
