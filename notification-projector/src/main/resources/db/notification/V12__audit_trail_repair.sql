-- Repairs an audit trail written before issue 16 was fixed. The audit-trail processor took an event's global index from
-- its tracking token, which is the highest index the processor had seen: an event that filled a gap (its transaction
-- committed after a later one's) was written at another event's index, and `on conflict (global_index) do nothing`
-- then dropped one of the two. Events are now keyed by their identifier and placed at their own index.
--
-- 1. Rows that do not stand at their own event's index go.
delete from notification.audit_entry a
 where not exists (select 1 from event_store.domain_event_entry e
                    where e.global_index = a.global_index and e.event_identifier = a.event_id);

-- 2. Every event of the store the trail lacks is restored from the store, as the processor writes it: the payload and
--    metadata as stored (JSON), who caused it and the correlation id from the metadata. Events the processor has not
--    reached yet are written too; when it reaches them it finds them recorded (keyed by event id) and skips them.
insert into notification.audit_entry (global_index, event_id, aggregate_id, aggregate_type, sequence_number, type, occurred_at,
                         actor_id, actor_role, correlation_id, meta_data, payload)
select e.global_index, e.event_identifier, e.aggregate_identifier, e.type, e.sequence_number,
       regexp_replace(e.payload_type, '^.*\.', ''), e.time_stamp::timestamptz,
       meta.data ->> 'actorId', meta.data ->> 'actorRole', meta.data ->> 'correlationId', meta.data,
       convert_from(e.payload, 'UTF8')::jsonb
  from event_store.domain_event_entry e
 cross join lateral (select coalesce(convert_from(e.meta_data, 'UTF8')::jsonb, '{}'::jsonb) as data) meta
 where not exists (select 1 from notification.audit_entry a where a.event_id = e.event_identifier);
