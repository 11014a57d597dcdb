-- One key per data subject (a patient's or a doctor's id), wrapped (AES-GCM) by the master key (CARESLOT_MASTER_KEY),
-- encrypting that person's @PersonalData in events (docs/PRIVACY.md). Erasure sets wrapped_key to null and keeps the
-- row as a tombstone, so nothing encrypts for that subject again: their texts are then stored as '[erased]'.
create table subject_key (
    subject_id  uuid primary key,
    wrapped_key bytea,
    created_at  timestamptz not null default now(),
    erased_at   timestamptz,
    constraint subject_key_erased check ((wrapped_key is null) = (erased_at is not null))
);
