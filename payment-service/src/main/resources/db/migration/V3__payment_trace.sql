-- The trace id of the call that created the payment (the booking's, when the consumer pays): the channel's
-- notifications and query answers about the payment are applied under it, so the flow after payment
-- (payment.succeeded -> order PAID -> booking CONFIRMED -> messages, hospital sync) stays in that trace.
-- NULL for payments from before: those are applied under the notification's own trace id.
ALTER TABLE payments ADD COLUMN trace_id VARCHAR(64) NULL;
