-- Assignment. The invariants that must hold with any number of coordinator replicas are the
-- database's to keep, not the code's:
--  * a task has at most one open assignment (partial unique index);
--  * a robot never holds more tasks than its capacity (a trigger counts open assignments into
--    robot.active_tasks, and a check constraint bounds it, so an over-assigning transaction fails);
--  * a task's status agrees with its robot (check constraint).

-- Where and when a robot is free after the tasks it holds, and with how much charge.
-- Null while it holds none: then it is free now, where it is, with the charge it reported.
alter table robot add column active_tasks integer not null default 0;
alter table robot add constraint robot_within_capacity check (active_tasks between 0 and capacity);
alter table robot add column free_at timestamptz;
alter table robot add column free_x double precision;
alter table robot add column free_y double precision;
alter table robot add column free_battery_pct double precision;
-- Heartbeats update last_seen thousands of times a second; an index on it would make every one
-- of them a non-HOT update. The liveness sweep reads the fleet's robots instead.
drop index robot_liveness;

alter table task add column assigned_at timestamptz;
alter table task add column started_at timestamptz;
alter table task add column finished_at timestamptz;
alter table task add column score jsonb;
alter table task add constraint task_status_agrees_with_robot check (
    (status <> 'queued' or robot_id is null)
    and (status not in ('assigned', 'in_progress') or robot_id is not null));
create index task_unstarted on task (fleet_id, priority desc, created_at) where status in ('queued', 'assigned');

create table assignment (
    id                   bigserial primary key,
    task_id              uuid        not null references task (id),
    robot_id             text        not null references robot (id),
    assigned_at          timestamptz not null default now(),
    estimated_completion timestamptz not null,
    score                jsonb       not null,
    -- why it was made: the first choice, or a re-plan that moved or placed the task
    reason               text        not null check (reason in ('requested', 'replanned')),
    ended_at             timestamptz,
    end_reason           text check (end_reason in ('completed', 'failed', 'cancelled', 'moved', 'robot_offline')),
    check ((ended_at is null) = (end_reason is null))
);
create unique index one_open_assignment_per_task on assignment (task_id) where ended_at is null;
create index open_assignments_by_robot on assignment (robot_id) where ended_at is null;

create function count_open_assignments() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        if new.ended_at is null then
            update robot set active_tasks = active_tasks + 1 where id = new.robot_id;
        end if;
    elsif old.ended_at is null and new.ended_at is not null then
        update robot set active_tasks = active_tasks - 1 where id = old.robot_id;
    elsif old.ended_at is not null and new.ended_at is null then
        raise exception 'an ended assignment cannot be reopened';
    elsif new.robot_id <> old.robot_id then
        raise exception 'an assignment cannot change robots; end it and open another';
    end if;
    return null;
end $$;
create trigger assignment_counts after insert or update on assignment
    for each row execute function count_open_assignments();

-- What happened to tasks, in commit order per fleet (every writer holds the fleet's row lock),
-- for the assignment streams; a reconnecting client resumes after the last id it saw.
create table fleet_event (
    id         bigserial primary key,
    fleet_id   text        not null references fleet (id),
    robot_id   text,
    task_id    uuid        not null,
    kind       text        not null check (kind in
        ('assigned', 'withdrawn', 'started', 'completed', 'failed', 'cancelled', 'queued')),
    payload    jsonb       not null,
    created_at timestamptz not null default now()
);
create index fleet_event_by_fleet on fleet_event (fleet_id, id);
create index fleet_event_by_robot on fleet_event (robot_id, id) where robot_id is not null;
create index fleet_event_age on fleet_event (created_at);

create function announce_fleet_event() returns trigger language plpgsql as $$
begin
    perform pg_notify('fleet_event', new.id::text);
    return null;
end $$;
create trigger fleet_event_announced after insert on fleet_event
    for each row execute function announce_fleet_event();

-- Answers already given to POST /assign_task with an Idempotency-Key, per caller.
create table idempotent_request (
    caller       text        not null,
    key          text        not null check (length(key) between 1 and 255),
    request_hash text        not null,
    status       integer     not null,
    response     jsonb       not null,
    created_at   timestamptz not null default now(),
    primary key (caller, key)
);
create index idempotent_request_age on idempotent_request (created_at);
