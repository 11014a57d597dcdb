package com.careslot.notification.mail;

/** A rendered mail: subject, plain text, the same as HTML, and an optional calendar invite. */
record Mail(String subject, String text, String html, Invite invite) {

    /** An iCalendar attachment; {@code method} is REQUEST or CANCEL. */
    record Invite(String filename, String method, String ics) {
    }
}
