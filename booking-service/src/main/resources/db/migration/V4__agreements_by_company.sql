-- HR lists the hospitals its company may book: the agreements of one company (the primary key leads with the hospital).
CREATE INDEX idx_agreement_company ON campaign_agreement (company_id, status);
