-- Every transaction that appends events tells the processes listening on channel careslot_events (NewEventNotices):
-- their event stores fetch at once instead of polling the table. NOTIFY is sent when the transaction commits, and
-- PostgreSQL folds identical notifications of one transaction into one, so a batch of events costs one notice.
create function notify_new_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('careslot_events', '');
    return null;
end
$$;

create trigger domain_event_entry_notify after insert on domain_event_entry
    for each statement execute function notify_new_events();
