-- The pace of each texting sender (10DLC throughput): the next free moment per connection, shared by every node.
create table outreach.sender_pace (
    tenant_id     uuid        not null,
    connection_id uuid        not null,
    next_at       timestamptz not null,
    primary key (tenant_id, connection_id)
);
-- The moment reserved for a message that waits its turn, so it does not take a second one when it comes back.
alter table outreach.message add column paced_until timestamptz;
