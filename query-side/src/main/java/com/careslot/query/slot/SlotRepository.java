package com.careslot.query.slot;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface SlotRepository extends JpaRepository<SlotEntry, UUID> {
}
