-- Rotation: a key is published from created_at, signs from activates_at, stops signing at
-- retired_at (when its successor activates) and is deleted once every token it signed has expired.
alter table signing_key add column activates_at timestamptz not null default now();
create index signing_key_activates_at on signing_key (activates_at desc);
