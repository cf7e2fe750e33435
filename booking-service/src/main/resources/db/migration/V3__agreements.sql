-- A company runs campaigns only at hospitals it has an agreement with (set by ops): the largest daily share a campaign
-- may ask for, and the largest part of one slot its share may take.
CREATE TABLE campaign_agreement (
  hospital_id             VARCHAR(32)  NOT NULL,
  company_id              VARCHAR(64)  NOT NULL,
  max_daily_share         INT          NOT NULL,
  max_slot_share_percent  INT          NOT NULL,
  status                  VARCHAR(8)   NOT NULL,
  updated_by              VARCHAR(64)  NOT NULL,
  updated_at              DATETIME(3)  NOT NULL,
  PRIMARY KEY (hospital_id, company_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of an agreement: who, when, what it was, what it became.
CREATE TABLE campaign_agreement_audit (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hospital_id  VARCHAR(32)  NOT NULL,
  company_id   VARCHAR(64)  NOT NULL,
  actor        VARCHAR(80)  NOT NULL,
  old_value    VARCHAR(200) NULL,
  new_value    VARCHAR(200) NOT NULL,
  changed_at   DATETIME(3)  NOT NULL,
  INDEX idx_agreement_audit (hospital_id, company_id, changed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A campaign HR cancelled: its codes book nothing more, its share went back to everyone.
ALTER TABLE campaign ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'OPEN' AFTER share_cutoff_days;
