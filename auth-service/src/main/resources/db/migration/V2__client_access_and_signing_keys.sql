-- What a client may do: the roles, fleets and (for robots) robot id that go into its access tokens.
create table client_access (
    client_id varchar(100) primary key references oauth2_registered_client (client_id) on delete cascade,
    roles     text[] not null
        check (cardinality(roles) > 0 and roles <@ array ['admin', 'operator', 'viewer', 'robot']),
    fleets    text[] not null check (cardinality(fleets) > 0),
    robot_id  text,
    -- a robot credential names exactly one robot; nobody else carries a robot id
    check ((robot_id is not null) = ('robot' = any (roles)))
);

-- RS256 signing keys. A key is published in the JWKS from created_at until it is removed;
-- the newest key that is not retired signs.
create table signing_key (
    kid         text primary key,
    public_key  bytea       not null, -- X.509 SubjectPublicKeyInfo, DER
    private_key bytea       not null, -- PKCS#8, DER
    created_at  timestamptz not null default now(),
    retired_at  timestamptz
);
