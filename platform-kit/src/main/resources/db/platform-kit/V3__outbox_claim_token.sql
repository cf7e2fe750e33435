-- The relay claims a batch of due rows with one update and reads back the rows it won by this token.
ALTER TABLE outbox_event ADD COLUMN claim_token VARCHAR(36) NULL;
