package com.careslot.api.doctor;

import java.math.BigDecimal;
import java.util.List;

import com.careslot.api.privacy.PersonalData;

/**
 * What patients read about a doctor. {@code timeZone} is an IANA region id ({@code Europe/Berlin}) in which the
 * doctor's availability is expressed. In events {@code qualifications} is never null (empty when there are none);
 * {@code yearsOfExperience}, {@code fee} and {@code bio} may be.
 */
public record DoctorProfile(@PersonalData String fullName, String specialization, String timeZone, List<String> qualifications,
                            Integer yearsOfExperience, BigDecimal fee, @PersonalData String bio) {
}
