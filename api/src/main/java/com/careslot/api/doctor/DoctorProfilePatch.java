package com.careslot.api.doctor;

import java.math.BigDecimal;
import java.util.List;

/**
 * A change to some fields of a {@link DoctorProfile}: a null field stays as it is. An empty {@code qualifications}
 * list clears them, and a blank {@code bio} removes it.
 */
public record DoctorProfilePatch(String fullName, String specialization, String timeZone,
                                 List<String> qualifications, Integer yearsOfExperience, BigDecimal fee,
                                 String bio) {
}
