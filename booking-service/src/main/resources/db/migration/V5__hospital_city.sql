-- The hospital list by city (keyset by id within a city) and the city counts: with thousands of hospitals both read
-- this index instead of the whole table.
CREATE INDEX idx_hospital_city ON hospital (city, id);
