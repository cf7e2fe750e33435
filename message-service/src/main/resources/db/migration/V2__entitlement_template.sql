-- An employee's entitlement code (corporate campaigns), by SMS.
INSERT INTO message_template (hospital_id, event_type, channel, body) VALUES
 ('default', 'entitlement.granted', 'SMS', '[Checkup] {employeeName}, your company offers you a check-up at {hospitalId} between {startDate} and {endDate}. Book in the Checkup app with code {code}.');
