package com.careslot.notification.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.careslot.notification.recipient.Recipient;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The words of every appointment mail, for the patient and for the doctor. Times are always written in the doctor's
 * time zone, with its offset and region ("Tuesday 24 November 2026, 10:00–10:30 GMT+1 (Europe/Berlin)"), so both
 * read the same time.
 * <p>
 * The offset, not the zone's abbreviation ("CET"): on Java 17 the abbreviation comes from the CLDR provider, which
 * fills the names CLDR lacks into arrays it shares between threads, so threads formatting a zone's name for the first
 * time at once can fix it as "GMT+01:00" for the life of the process while another process writes "CET" — a replay of
 * the mail log then disagreed with the live one (ReadModelsAgreeWithStoreIT, 2026-12-03). The offset is computed from
 * the zone's rules alone: the same words on every thread, node and replay.
 */
@Component
class AppointmentMails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm O", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("O", Locale.ENGLISH);

    private final String clinic;
    private final String organizer;

    AppointmentMails(@Value("${careslot.clinic.name:Careslot Clinic}") String clinic,
                     @Value("${careslot.mail.from:Careslot <no-reply@careslot.local>}") String from) {
        this.clinic = clinic;
        this.organizer = address(from);
    }

    /** The address part of {@code careslot.mail.from}: the organizer of the invites. */
    private static String address(String from) {
        try {
            return new InternetAddress(from).getAddress();
        } catch (AddressException e) {
            return "no-reply@careslot.local";
        }
    }

    /** Who cancelled ({@code byRole}: PATIENT, DOCTOR, ADMIN or null when unknown) and why ({@code reason} may be null). */
    record Cancellation(String byRole, String reason) {
    }

    Mail booked(Recipient to, Parties parties, AppointmentMailState appointment, Instant stamp) {
        ZoneId zone = parties.doctor().zone();
        boolean patient = isPatient(to, parties);
        String subject = patient
                ? "Appointment confirmed: " + parties.doctor().fullName() + ", " + brief(appointment.start(), zone)
                : "New appointment: " + parties.patient().fullName() + ", " + brief(appointment.start(), zone);
        Letter letter = new Letter("Hello " + to.fullName() + ",")
                .paragraph(patient
                        ? "your appointment with " + parties.doctor().fullName() + " at " + clinic + " is booked."
                        : parties.patient().fullName() + " booked an appointment with you at " + clinic + ".");
        details(letter, appointment, parties, zone);
        letter.paragraph("The attached invitation (" + Invites.FILENAME + ") puts it in your calendar.");
        return mail(subject, letter, Invites.request(appointment, parties, clinic, organizer, stamp));
    }

    Mail rescheduled(Recipient to, Parties parties, AppointmentMailState appointment, Instant stamp) {
        ZoneId zone = parties.doctor().zone();
        boolean patient = isPatient(to, parties);
        String subject = "Appointment moved to " + brief(appointment.start(), zone) + ": "
                + (patient ? parties.doctor().fullName() : parties.patient().fullName());
        Letter letter = new Letter("Hello " + to.fullName() + ",")
                .paragraph((patient ? "your appointment with " + parties.doctor().fullName()
                        : "the appointment of " + parties.patient().fullName() + " with you")
                        + " at " + clinic + " has moved to a new time.");
        details(letter, appointment, parties, zone);
        if (appointment.previousStart() != null) {
            letter.detail("Was", when(appointment.previousStart(), appointment.previousEnd(), zone));
        }
        letter.paragraph("The attached invitation (" + Invites.FILENAME + ") updates the entry in your calendar.");
        return mail(subject, letter, Invites.request(appointment, parties, clinic, organizer, stamp));
    }

    Mail cancelled(Recipient to, Parties parties, AppointmentMailState appointment, Cancellation cancellation,
                   Instant stamp) {
        ZoneId zone = parties.doctor().zone();
        boolean patient = isPatient(to, parties);
        boolean byDoctor = "DOCTOR".equals(cancellation.byRole());
        String subject;
        String opening;
        if (byDoctor && patient) {
            subject = "Cancelled by the doctor: your appointment with " + parties.doctor().fullName() + ", "
                    + brief(appointment.start(), zone);
            opening = parties.doctor().fullName() + " had to cancel your appointment at " + clinic + ".";
        } else {
            subject = "Appointment cancelled: " + (patient ? parties.doctor().fullName() : parties.patient().fullName())
                    + ", " + brief(appointment.start(), zone);
            opening = (patient ? "your appointment with " + parties.doctor().fullName()
                    : "the appointment of " + parties.patient().fullName() + " with you")
                    + " at " + clinic + " was cancelled " + by(cancellation.byRole(), patient, parties) + ".";
        }
        Letter letter = new Letter("Hello " + to.fullName() + ",").paragraph(opening);
        details(letter, appointment, parties, zone);
        letter.detail("Cancelled by", who(cancellation.byRole(), parties));
        letter.detail("Reason", cancellation.reason() == null || cancellation.reason().isBlank()
                ? "none given" : cancellation.reason());
        letter.paragraph(patient ? "You are welcome to book another time. The attached " + Invites.FILENAME
                + " removes the appointment from your calendar."
                : "The slot is free again. The attached " + Invites.FILENAME
                + " removes the appointment from your calendar.");
        return mail(subject, letter, Invites.cancel(appointment, parties, clinic, organizer, stamp));
    }

    Mail reminder(Recipient to, Parties parties, AppointmentMailState appointment) {
        ZoneId zone = parties.doctor().zone();
        String subject = "Reminder: your appointment with " + parties.doctor().fullName() + ", "
                + brief(appointment.start(), zone);
        Letter letter = new Letter("Hello " + to.fullName() + ",")
                .paragraph("this is a reminder of your appointment with " + parties.doctor().fullName() + " at "
                        + clinic + ".");
        details(letter, appointment, parties, zone);
        letter.paragraph("If you cannot come, please cancel it so that someone else can take the time.");
        return mail(subject, letter, null);
    }

    private void details(Letter letter, AppointmentMailState appointment, Parties parties, ZoneId zone) {
        letter.detail("When", when(appointment.start(), appointment.end(), zone))
                .detail("Doctor", parties.doctor().fullName())
                .detail("Patient", parties.patient().fullName())
                .detail("Where", clinic)
                .detail("Reference", appointment.appointmentId().toString());
    }

    private Mail mail(String subject, Letter letter, Mail.Invite invite) {
        letter.closing(clinic);
        return new Mail(subject, letter.text(), letter.html(), invite);
    }

    private static boolean isPatient(Recipient to, Parties parties) {
        return to.accountId().equals(parties.patient().accountId());
    }

    private static String by(String role, boolean toPatient, Parties parties) {
        if (role == null) {
            return "by the clinic";
        }
        return switch (role) {
            case "PATIENT" -> toPatient ? "by you" : "by " + parties.patient().fullName();
            case "DOCTOR" -> toPatient ? "by " + parties.doctor().fullName() : "by you";
            default -> "by the clinic";
        };
    }

    private static String who(String role, Parties parties) {
        if (role == null) {
            return "the clinic";
        }
        return switch (role) {
            case "PATIENT" -> parties.patient().fullName() + " (patient)";
            case "DOCTOR" -> parties.doctor().fullName() + " (doctor)";
            default -> "the clinic";
        };
    }

    /** "Tuesday 24 November 2026, 10:00–10:30 GMT+1 (Europe/Berlin)". */
    static String when(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        return DAY.format(from) + ", " + TIME.format(from) + "–" + TIME.format(to) + " " + ZONE.format(from)
                + " (" + zone.getId() + ")";
    }

    /** "Tue 24 Nov 2026, 10:00 GMT+1", for subjects. */
    static String brief(Instant start, ZoneId zone) {
        return SHORT.format(start.atZone(zone));
    }
}
