-- The latest heartbeat of each robot: what its edge gateway reports about itself.
create table robot_heartbeat (
    robot_id    text primary key references robot (id) on delete cascade,
    received_at timestamptz not null,
    sensors     jsonb       not null default '{}',
    mode        text        check (length(mode) <= 50),
    backlog     bigint      check (backlog >= 0)
);
create index robot_liveness on robot (last_seen) where status <> 'offline';
