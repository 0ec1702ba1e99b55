-- Baseline of the fleet-coordinator schema: the fleets that robots and tasks belong to.
-- Robots, tasks, assignments and heartbeats arrive with the assignment work in later migrations.
create table fleet (
    id         text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       text        not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now()
);
