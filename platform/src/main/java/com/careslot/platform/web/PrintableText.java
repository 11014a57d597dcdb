package com.careslot.platform.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Text in a request body is printable: no control characters but tab, line feed and carriage return (a NUL PostgreSQL
 * cannot even store in text, so one accepted NUL would come back as a failure in every projection that reads the
 * event; the others end up in mails, pages, logs and exports), and none of Unicode's bidirectional overrides and
 * isolates, which make a name or a reason display as something other than what it is. Refused at the edge as a 400
 * naming the field. Fields that must be one line (names) refuse line breaks and tabs on top, by their own rules.
 */
final class PrintableText extends StdScalarDeserializer<String> {

    private PrintableText() {
        super(String.class);
    }

    static SimpleModule module() {
        return new SimpleModule("careslot-printable-text").addDeserializer(String.class, new PrintableText());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text != null && !isPrintable(text)) {
            throw InvalidFormatException.from(parser, "must not contain control characters", text, String.class);
        }
        return text;
    }

    static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
            boolean bidiOverride = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            if (control || bidiOverride) {
                return false;
            }
        }
        return true;
    }
}
