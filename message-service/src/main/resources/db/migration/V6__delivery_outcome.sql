-- The values a message's template was filled in with (a JSON object, the event's): SMS providers in China send a
-- template code and these parameters, not the text. As secret as the body (it may hold a code); never listed.
ALTER TABLE message ADD COLUMN template_values VARCHAR(2000) NULL AFTER shown_body;
-- The last try's outcome as the provider reported it: ACCEPTED / REJECTED / FAILED, which provider (aliyun, smtp,
-- inbox, simulated), its own code (Aliyun's Code, the SMTP reply code) and what it knows the message by (Aliyun's
-- BizId, the e-mail's Message-ID). NULL until the first try.
ALTER TABLE message ADD COLUMN outcome VARCHAR(16) NULL, ADD COLUMN provider VARCHAR(16) NULL,
  ADD COLUMN provider_code VARCHAR(64) NULL, ADD COLUMN provider_ref VARCHAR(128) NULL;
