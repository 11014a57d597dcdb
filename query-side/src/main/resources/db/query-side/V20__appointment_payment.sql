-- payment-view: one row per appointment paid online (issue 20), from the payment's events; amounts in the
-- currency's smallest unit. status: requested, paid, failed, refunded, partially-refunded.
create table appointment_payment (
    appointment_id    uuid         primary key,
    doctor_id         uuid         not null,
    patient_id        uuid         not null,
    payment_intent_id varchar(255) not null,
    amount            bigint       not null,
    currency          varchar(3)   not null,
    status            varchar(24)  not null,
    refunded          bigint       not null default 0,
    requested_at      timestamptz  not null,
    paid_at           timestamptz,
    refunded_at       timestamptz,
    updated_at        timestamptz  not null
);

-- The dashboard's revenue and refunds per currency.
create index appointment_payment_currency on appointment_payment (currency) where paid_at is not null;
