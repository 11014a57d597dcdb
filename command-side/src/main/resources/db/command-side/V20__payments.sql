-- Payments (issue 20). Which doctors are paid online: an admin's setting per doctor, off until turned on.
create table command_side.payment_doctor (
    doctor_id  uuid primary key,
    enabled    boolean     not null,
    changed_by uuid,
    changed_at timestamptz not null
);

-- Stripe's webhook events handled so far, by Stripe's event id: a row is written in the transaction of the command
-- the event causes, so a redelivered event (or the same one on a second node) changes nothing.
create table command_side.stripe_event (
    event_id    text primary key,
    type        text        not null,
    received_at timestamptz not null default now()
);
