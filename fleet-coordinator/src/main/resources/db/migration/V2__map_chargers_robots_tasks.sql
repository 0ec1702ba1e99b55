-- A fleet works on one map, a rectangle in metres with the origin in a corner, with its chargers.
alter table fleet add column map_width_m double precision not null default 100
    check (map_width_m > 0 and map_width_m <= 100000);
alter table fleet add column map_height_m double precision not null default 100
    check (map_height_m > 0 and map_height_m <= 100000);

create table charger (
    fleet_id text             not null references fleet (id) on delete cascade,
    id       text             not null check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    x        double precision not null check (x >= 0),
    y        double precision not null check (y >= 0),
    primary key (fleet_id, id)
);

create table robot (
    id           text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    fleet_id     text             not null references fleet (id),
    capabilities text[]           not null default '{}',
    x            double precision not null check (x >= 0),
    y            double precision not null check (y >= 0),
    speed_mps    double precision not null check (speed_mps > 0 and speed_mps <= 20),
    battery_pct  double precision not null check (battery_pct between 0 and 100),
    -- how many tasks the robot may hold at once (assigned or in progress)
    capacity     integer          not null default 1 check (capacity between 1 and 100),
    status       text             not null default 'idle'
        check (status in ('idle', 'busy', 'charging', 'offline')),
    last_seen    timestamptz,
    created_at   timestamptz      not null default now(),
    updated_at   timestamptz      not null default now()
);
create index robot_by_fleet on robot (fleet_id);

create table task (
    id                    uuid primary key,
    fleet_id              text             not null references fleet (id),
    type                  text             not null check (length(type) between 1 and 100),
    priority              integer          not null default 0 check (priority between 0 and 10),
    x                     double precision not null check (x >= 0),
    y                     double precision not null check (y >= 0),
    dropoff_x             double precision check (dropoff_x >= 0),
    dropoff_y             double precision check (dropoff_y >= 0),
    required_capabilities text[]           not null default '{}',
    estimated_duration_s  double precision not null check (estimated_duration_s > 0),
    deadline              timestamptz,
    status                text             not null default 'queued'
        check (status in ('queued', 'assigned', 'in_progress', 'completed', 'failed', 'cancelled')),
    robot_id              text references robot (id),
    eta                   timestamptz,
    created_at            timestamptz      not null default now(),
    updated_at            timestamptz      not null default now(),
    check ((dropoff_x is null) = (dropoff_y is null))
);
create index task_by_fleet_status on task (fleet_id, status);
create index task_by_robot on task (robot_id) where robot_id is not null;
