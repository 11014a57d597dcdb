package com.careslot.query.slot;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface SlotRepository extends JpaRepository<SlotEntry, UUID>, JpaSpecificationExecutor<SlotEntry> {
}
