-- A tracked booking's next pull is now only set while it is worth pulling: from the day before its exam (UTC) until its
-- report is ready, it is cancelled or it has been followed for 30 days after the exam; NULL otherwise, outside the
-- range the due query walks every pull interval. Before, every booking ever tracked stayed in that range (finished
-- ones and those weeks away alike), so the query read more rows every day. A claim on a finished row is dropped too
-- (a claim whose puller died is never cleared otherwise).
ALTER TABLE tracked_booking MODIFY next_pull_at DATETIME(3) NULL;
UPDATE tracked_booking SET next_pull_at = NULL, claim_token = NULL
 WHERE hospital_state IN ('REPORT_READY', 'CANCELLED') OR exam_date < DATE_SUB(UTC_DATE(), INTERVAL 30 DAY);
UPDATE tracked_booking SET next_pull_at = TIMESTAMP(DATE_SUB(exam_date, INTERVAL 1 DAY))
 WHERE next_pull_at < TIMESTAMP(DATE_SUB(exam_date, INTERVAL 1 DAY));
