-- Issue 22, points 3 and 5. Every event about a patient names them in its payload's patientId (registration, slot and
-- payment events), and PatientDataAccessed (HIPAA's access log) names the patients read in patientIds. The patient's
-- export reads the first, the access log (GET /api/audit/access) the second; without these each would scan the trail.
create index audit_entry_patient on audit_entry ((payload ->> 'patientId'), global_index);
create index audit_entry_accessed_patients on audit_entry using gin ((payload -> 'patientIds'))
    where type = 'PatientDataAccessed';
create index audit_entry_accessed_occurred on audit_entry (occurred_at, global_index)
    where type = 'PatientDataAccessed';
