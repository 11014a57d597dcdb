-- Events stored before personal data was encrypted (issue 22) are rewritten once, in place, by
-- PlainPersonalDataRewrite at start: every event up to 'through' (the store's head when this ran); events after it
-- were written encrypted. 'done' is set when the rewrite finished; on a new store there is nothing to rewrite.
-- 'audit_done' is the notification service's: its audit trail's copies of those events are replaced once by the
-- encrypted ones (AuditTrailEncryption). It lives here, beside the store's own mark, because the notification schema's
-- tables are all read models (emptied and rebuilt by replays), and this mark is not derived from events.
create table personal_data_rewrite (
    through    bigint  not null,
    done       boolean not null,
    audit_done boolean not null
);
insert into personal_data_rewrite (through, done, audit_done)
select coalesce(max(global_index), 0), not exists (select 1 from domain_event_entry),
       not exists (select 1 from domain_event_entry)
from domain_event_entry;
