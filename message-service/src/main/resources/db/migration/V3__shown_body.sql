-- What listings show of a message: its body with codes, check-in codes, phone and ID numbers masked. The body itself
-- goes to the provider only. Messages from before this column show nothing of their body.
ALTER TABLE message ADD COLUMN shown_body VARCHAR(1000) NULL AFTER body;
UPDATE message SET shown_body = '(not shown)' WHERE shown_body IS NULL;
