package com.careslot.query.projection;

import org.springframework.data.domain.Persistable;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

/**
 * A read-model row a projection makes from an event, with an id the event gave it: saving one made here inserts it
 * without first reading whether it exists (Spring Data would merge an entity with an id set: a select, then the
 * insert). A row JPA loaded, or has inserted, is not new.
 */
@MappedSuperclass
public abstract class NewRow<I> implements Persistable<I> {

    @Transient
    private boolean fresh = true;

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    @PostLoad
    void stored() {
        fresh = false;
    }
}
