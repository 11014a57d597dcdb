package com.careslot.platform.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Text in a request body may hold any character but NUL: PostgreSQL cannot store it in text, so one accepted NUL
 * would come back as a failure in every projection that reads the event. Refused at the edge as a 400 naming the field.
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
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw InvalidFormatException.from(parser, "must not contain NUL characters", text, String.class);
        }
        return text;
    }
}
