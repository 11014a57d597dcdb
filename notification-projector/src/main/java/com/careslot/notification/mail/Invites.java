package com.careslot.notification.mail;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * iCalendar invites (RFC 5546 iTIP) built with ical4j: one UID per appointment ({@code <appointmentId>@careslot}), so a
 * calendar updates the one entry; SEQUENCE grows with every change; a cancellation is METHOD:CANCEL with STATUS:CANCELLED.
 */
final class Invites {

    static final String FILENAME = "invite.ics";

    private Invites() {
    }

    static String uid(AppointmentMailState appointment) {
        return appointment.appointmentId() + "@careslot";
    }

    static Mail.Invite request(AppointmentMailState appointment, Parties parties, String clinic, String organizer,
                               Instant stamp) {
        return new Mail.Invite(FILENAME, Method.VALUE_REQUEST,
                calendar(ImmutableMethod.REQUEST, appointment, parties, clinic, organizer, stamp, false));
    }

    static Mail.Invite cancel(AppointmentMailState appointment, Parties parties, String clinic, String organizer,
                              Instant stamp) {
        return new Mail.Invite(FILENAME, Method.VALUE_CANCEL,
                calendar(ImmutableMethod.CANCEL, appointment, parties, clinic, organizer, stamp, true));
    }

    private static String calendar(Method method, AppointmentMailState appointment, Parties parties, String clinic,
                                   String organizer, Instant stamp, boolean cancelled) {
        VEvent event = new VEvent(appointment.start(), appointment.end(),
                "Appointment with " + parties.doctor().fullName() + " (" + parties.patient().fullName() + ")");
        event.add(new Uid(uid(appointment)));
        event.add(new Sequence(appointment.sequence()));
        event.add(new DtStamp(stamp));
        event.add(new Location(clinic));
        event.add(new Description("Appointment " + appointment.appointmentId() + " at " + clinic));
        event.add(new Organizer(new ParameterList(List.of(new Cn(clinic))), URI.create("mailto:" + organizer)));
        event.add(attendee(parties.doctor().fullName(), parties.doctor().email(), Role.CHAIR));
        event.add(attendee(parties.patient().fullName(), parties.patient().email(), Role.REQ_PARTICIPANT));
        event.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);

        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Careslot//Appointments//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method);
        calendar.add(event);
        return calendar.toString();
    }

    private static Attendee attendee(String name, String email, Role role) {
        return new Attendee(new ParameterList(List.of(new Cn(name), role)), URI.create("mailto:" + email));
    }
}
