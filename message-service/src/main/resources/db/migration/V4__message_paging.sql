-- Dead letters are read newest first, a page at a time after (updated_at, id), optionally of one hospital or event
-- type: this index is walked in that order and the filters are checked on the way (dead letters are few, so one index
-- serves every filter). A recipient's messages already have idx_message_recipient (recipient, created_at; InnoDB
-- appends the id), which serves their (created_at DESC, id DESC) pages.
CREATE INDEX idx_message_dead ON message (status, updated_at, id);
