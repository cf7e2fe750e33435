-- The queue is read newest first, a page at a time after (created_at, id). A desk's reads already have
-- idx_task_hospital_status (hospital_id, status, created_at; InnoDB appends the id). Ops read across hospitals:
-- by status, then newest first.
CREATE INDEX idx_task_status_created ON fulfillment_task (status, created_at, id);

-- A booking's tasks, looked up by its id.
CREATE INDEX idx_task_booking ON fulfillment_task (booking_id);
