-- Bucket4j's token buckets, shared by every node (PostgreSQLSelectForUpdateBasedProxyManager): one row per key such as
-- 'writes:account:<uuid>' or 'sign-in:address:<ip>'; expires_at (epoch millis) lets idle buckets be deleted.
create table bucket (
    id         text   primary key,
    state      bytea,
    expires_at bigint
);
create index bucket_expires_at on bucket (expires_at);
