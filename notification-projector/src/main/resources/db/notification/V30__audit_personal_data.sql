-- Audit entries copied before personal data was encrypted (issue 22) hold it in clear text; AuditTrailEncryption
-- replaces their payloads once by the store's, after the store itself was encrypted (PlainPersonalDataRewrite).
create table audit_personal_data (
    done boolean not null
);
insert into audit_personal_data (done) select not exists (select 1 from audit_entry);
