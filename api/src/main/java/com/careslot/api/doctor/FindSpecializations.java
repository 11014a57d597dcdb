package com.careslot.api.doctor;

/** The specializations of listed doctors, by name, each with how many listed doctors practise it. */
public record FindSpecializations(int page, int size) {
}
