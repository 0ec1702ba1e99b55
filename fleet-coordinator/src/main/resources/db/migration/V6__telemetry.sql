-- Telemetry forwarded by robots' edge gateways. A record is known by the journal it was
-- written to on the robot and its sequence there, so a forwarder that sends a batch again
-- (after a crash, or an answer lost on the way) never stores a record twice. A journal
-- started afresh on a robot has a new id, and its sequences start again at 1.
create table telemetry (
    id          bigint      generated always as identity primary key,
    robot_id    text        not null references robot (id) on delete cascade,
    journal_id  uuid        not null,
    sequence    bigint      not null check (sequence > 0),
    priority    text        not null check (priority in ('low', 'normal', 'high')),
    recorded_at timestamptz not null,
    received_at timestamptz not null default now(),
    data        jsonb       not null,
    unique (robot_id, journal_id, sequence)
);
-- Reading a robot's telemetry in the order it arrived.
create index telemetry_of_robot on telemetry (robot_id, id);
