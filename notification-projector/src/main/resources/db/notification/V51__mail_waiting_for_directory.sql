-- Mails waiting for the recipient directory to learn someone (MailDelivery: RecipientNotYetKnown) are made due again
-- when it does (WaitingMails): this finds those few rows without reading the whole log.
create index mail_log_waiting_for_directory on mail_log (id)
    where last_error_type = 'RecipientNotYetKnown' and status not in ('SENT', 'SKIPPED');
