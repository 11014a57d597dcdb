package com.careslot.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.careslot.bench.Fixtures.Patient;
import com.careslot.bench.Fixtures.Slot;

/**
 * One load run's bookings, decided before it starts: each client's slots in the order it books them, and the patient
 * each booking is made as. A patient books at most {@link #PER_PATIENT} slots (the clinic's default limit of upcoming
 * appointments) at pairwise different times (a patient's appointments never overlap), so no booking of the run can
 * be refused by a rule: every refusal would be the system's fault.
 */
record Plan(String name, String pattern, List<List<Slot>> clients, List<List<Integer>> patientOf) {

    static final int PER_PATIENT = 5;

    record Booking(Slot slot, Patient patient) {
    }

    /** Adjacent: each client a block of neighbouring slots; random: the picks dealt round-robin. */
    static Plan of(String name, String pattern, List<Slot> slots, int clientCount) {
        List<List<Slot>> clients = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            clients.add(new ArrayList<>());
        }
        if (pattern.equals("adjacent")) {
            int per = (slots.size() + clientCount - 1) / clientCount;
            for (int i = 0; i < slots.size(); i++) {
                clients.get(i / per).add(slots.get(i));
            }
        } else {
            for (int i = 0; i < slots.size(); i++) {
                clients.get(i % clientCount).add(slots.get(i));
            }
        }
        List<List<Integer>> patientOf = new ArrayList<>();
        int patient = 0;
        for (List<Slot> client : clients) {
            List<Integer> mine = new ArrayList<>();
            Set<Instant> times = new HashSet<>();
            int used = 0;
            if (!client.isEmpty()) {
                patient++;
            }
            for (Slot slot : client) {
                if (used == PER_PATIENT || !times.add(slot.start())) {
                    patient++;
                    used = 0;
                    times.clear();
                    times.add(slot.start());
                }
                mine.add(patient - 1);
                used++;
            }
            patientOf.add(mine);
        }
        return new Plan(name, pattern, clients, patientOf);
    }

    int bookings() {
        return clients.stream().mapToInt(List::size).sum();
    }

    int patientsNeeded() {
        return patientOf.stream().flatMap(List::stream).mapToInt(i -> i + 1).max().orElse(0);
    }

    /** The bookings of each client, with the plan's patients drawn from {@code patients}. */
    List<List<Booking>> bookings(Iterator<Patient> patients) {
        List<Patient> drawn = new ArrayList<>();
        for (int i = 0; i < patientsNeeded(); i++) {
            drawn.add(patients.next());
        }
        List<List<Booking>> result = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            List<Booking> mine = new ArrayList<>();
            for (int i = 0; i < clients.get(c).size(); i++) {
                mine.add(new Booking(clients.get(c).get(i), drawn.get(patientOf.get(c).get(i))));
            }
            result.add(mine);
        }
        return result;
    }
}
