-- People: they log in with a password (bcrypt) for the authorization-code and device-code grants.
create table app_user (
    username      text primary key check (username ~ '^[a-z0-9][a-z0-9._@-]{2,99}$'),
    password_hash text        not null,
    roles         text[]      not null
        check (cardinality(roles) > 0 and roles <@ array ['admin', 'operator', 'viewer']),
    fleets        text[]      not null check (cardinality(fleets) > 0),
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now()
);

-- A disabled client keeps its record (for audit) but gets no more tokens.
alter table client_access add column enabled boolean not null default true;
