package com.careslot.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.careslot.bench.Fixtures.Slot;

/**
 * The bench doctors' free slots, in doctor-then-start order, handed out once each: a block of neighbours (adjacent in
 * one doctor's day) or random picks across every doctor and date.
 */
final class SlotPool {

    private final List<Slot> slots;
    private final boolean[] taken;
    private final Random random = new Random(20261123L);
    private int cursor;
    private int left;

    SlotPool(List<Slot> slots) {
        this.slots = slots;
        this.taken = new boolean[slots.size()];
        this.left = slots.size();
    }

    int size() {
        return slots.size();
    }

    List<Slot> adjacent(int count) {
        need(count);
        List<Slot> picked = new ArrayList<>(count);
        while (picked.size() < count) {
            if (!taken[cursor]) {
                taken[cursor] = true;
                picked.add(slots.get(cursor));
            }
            cursor++;
        }
        left -= count;
        return picked;
    }

    List<Slot> random(int count) {
        need(count);
        List<Slot> picked = new ArrayList<>(count);
        while (picked.size() < count) {
            int i = random.nextInt(slots.size());
            if (!taken[i]) {
                taken[i] = true;
                picked.add(slots.get(i));
            }
        }
        left -= count;
        return picked;
    }

    /** Slots at {@code count} different start times (one patient may win every one of them). */
    List<Slot> distinctTimes(int count) {
        need(count);
        List<Slot> picked = new ArrayList<>(count);
        Set<Instant> starts = new HashSet<>();
        for (int i = cursor; i < slots.size() && picked.size() < count; i++) {
            if (!taken[i] && starts.add(slots.get(i).start())) {
                taken[i] = true;
                picked.add(slots.get(i));
            }
        }
        left -= picked.size();
        return picked;
    }

    private void need(int count) {
        if (count > left) {
            throw new IllegalStateException("the bench doctors' calendars have " + left + " free slots left, "
                    + count + " needed");
        }
    }
}
