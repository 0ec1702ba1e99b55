-- Every heartbeat rewrites its robot's robot_heartbeat row. With room left on each page the new version
-- stays on the same page (a HOT update) and its index entry is not touched; with full pages (the default)
-- many of them move and add an index entry each. Applies to pages written from now on.
alter table robot_heartbeat set (fillfactor = 50);
