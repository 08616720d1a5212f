-- outreach: recovery looks for messages a stopped node left queued or half handed over; the index keeps that look
-- to the few in flight, however many messages the table holds.
create index message_in_flight_idx on outreach.message (updated_at) where status in ('QUEUED', 'SENDING');
