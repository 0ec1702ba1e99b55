-- The state of the robot's circuit to the cloud (closed, open, half_open ...), as its
-- edge gateway last reported it.
alter table robot_heartbeat add column circuit text check (length(circuit) <= 20);
