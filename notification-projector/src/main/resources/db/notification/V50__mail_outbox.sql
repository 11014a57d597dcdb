-- Issue 17, point 5: the mail log becomes the transactional outbox. The notification-mail processor only records the
-- mails an event owes (a row per recipient, in its own batched transaction, `on conflict do nothing`); a sender claims
-- due rows with FOR UPDATE SKIP LOCKED, renders and sends them over one SMTP connection outside any processor
-- transaction, and records the outcome.
--
-- details:         what the mail says, as of its event (the appointment as the processor saw it then, who cancelled
--                  and why, the payment); rendered when sent, cleared once sent.
-- sequence_key:    the appointment: a row is sent only when no earlier mail of the same appointment is unsent.
-- next_attempt_at: when the row is due (now when owed; later after a failure, with doubling back-off).
-- claimed_until:   a sender has the row until then (claimed in a short transaction, released when recorded).
-- Subject and address are known once rendered, so they may be empty until then.
alter table mail_log alter column recipient_email drop not null;
alter table mail_log alter column subject drop not null;
alter table mail_log add column sequence_key varchar(255);
alter table mail_log add column details jsonb;
alter table mail_log add column next_attempt_at timestamptz not null default now();
alter table mail_log add column claimed_until timestamptz;
alter table mail_log add column last_error_type varchar(255);

create index mail_log_due on mail_log (next_attempt_at, id) where status in ('PENDING', 'FAILED');
create index mail_log_unsent_sequence on mail_log (sequence_key, id) where status <> 'SENT';
create index mail_log_failed on mail_log (message_key) where status in ('FAILED', 'DEAD_LETTERED');

-- A reminder handed to the outbox is QUEUED (it was SENT when the poller sent it itself).
update reminder set status = 'QUEUED' where status = 'SENT';
