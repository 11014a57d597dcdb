-- The audit API filters by aggregate, event type, actor and a [from, to) window of event times, and lists in
-- global_index order. V1 covers the aggregate (aggregate_id, sequence_number), the type (type, global_index) and
-- the time window (occurred_at, global_index); these cover the actor alone and the type or the actor within a time
-- window, so no filter has to scan a trail of millions of rows.
create index audit_entry_actor on audit_entry (actor_id, global_index);
create index audit_entry_actor_occurred on audit_entry (actor_id, occurred_at);
create index audit_entry_type_occurred on audit_entry (type, occurred_at);
