-- Who mail goes to: patients and doctors as their registration events describe them (personal data is only in those
-- events, never in slot events). Written by the notification-recipients processor; a replay rebuilds it.
create table recipient (
    account_id uuid         primary key,
    role       varchar(16)  not null,
    email      varchar(320) not null,
    full_name  varchar(255) not null,
    time_zone  varchar(64)
);
