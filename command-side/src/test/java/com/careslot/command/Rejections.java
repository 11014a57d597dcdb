package com.careslot.command;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;

import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

import com.careslot.api.CommandRejection;

/** Matchers for refused commands, reading them as clients will: by kind and field, never by message text. */
public final class Rejections {

    private Rejections() {
    }

    /** A rejection of invalid input that names {@code field}. */
    public static Matcher<Rejection> invalid(String field) {
        Matcher<Rejection> ofInvalidInput =
                new FeatureMatcher<>(equalTo(CommandRejection.Kind.INVALID), "a rejection of kind", "kind") {
                    @Override
                    protected CommandRejection.Kind featureValueOf(Rejection rejection) {
                        return rejection.details().kind();
                    }
                };
        Matcher<Rejection> namingField = new FeatureMatcher<>(equalTo(field), "a rejection of field", "field") {
            @Override
            protected String featureValueOf(Rejection rejection) {
                return rejection.details().field();
            }
        };
        return allOf(ofInvalidInput, namingField);
    }
}
