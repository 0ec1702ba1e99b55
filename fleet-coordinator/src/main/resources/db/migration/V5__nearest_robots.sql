-- /assign_task looks at the robots nearest to a task first (by where each is free next), and
-- only reads the whole fleet when those cannot be proven to hold the cheapest (CandidateSearch).
-- btree_gist lets the fleet be the first column of the nearest-neighbour index; it is a trusted
-- extension, so the database owner may create it.
create extension if not exists btree_gist;
create index robot_nearby on robot using gist (fleet_id, point(coalesce(free_x, x), coalesce(free_y, y)));
-- The fleet's fastest robot bounds how soon any far robot could be done.
create index robot_fastest on robot (fleet_id, speed_mps desc);
