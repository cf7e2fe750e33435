-- Status pulls are claimed like every other leased work (platform-kit's LeaseTable): a pull's outcome is written only
-- under the claim it was taken with, so a pull whose lease lapsed cannot overwrite the next one's.
ALTER TABLE tracked_booking ADD COLUMN claim_token VARCHAR(36) NULL;
