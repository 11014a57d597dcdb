package com.careslot.notification.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.careslot.platform.privacy.PlainPersonalDataRewrite;

/**
 * Once, after the event store's old clear-text personal data was encrypted in place ({@link PlainPersonalDataRewrite}),
 * replaces the payloads of the audit entries copied from those events by the store's encrypted ones, so that no clear
 * copy outlives an erasure here. Entries written since are encrypted already ({@link AuditTrailProjection}).
 */
@Component
class AuditTrailEncryption {

    private static final Logger log = LoggerFactory.getLogger(AuditTrailEncryption.class);

    private final JdbcClient jdbc;
    private final PlainPersonalDataRewrite storeRewrite;

    AuditTrailEncryption(JdbcClient jdbc, PlainPersonalDataRewrite storeRewrite) {
        this.jdbc = jdbc;
        this.storeRewrite = storeRewrite;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void encryptOldEntries() {
        if (jdbc.sql("select audit_done from event_store.personal_data_rewrite for update").query(Boolean.class)
                .optional().orElse(true)) {
            return;
        }
        storeRewrite.run();
        int replaced = jdbc.sql("""
                update notification.audit_entry a set payload = convert_from(e.payload, 'UTF8')::jsonb
                from event_store.domain_event_entry e
                where a.event_id = e.event_identifier
                  and convert_from(e.payload, 'UTF8') like '%"enc:v1:%'
                  and a.payload::text not like '%"enc:v1:%'""").update();
        jdbc.sql("update event_store.personal_data_rewrite set audit_done = true").update();
        if (replaced > 0) {
            log.info("Replaced {} audit entries holding clear personal data by their encrypted events", replaced);
        }
    }
}
