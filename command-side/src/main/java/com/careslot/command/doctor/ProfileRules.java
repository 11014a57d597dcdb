package com.careslot.command.doctor;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.doctor.DoctorProfilePatch;

/**
 * The rules of a doctor's profile, the same for onboarding, applying and every later change. Text is judged and
 * kept without its surrounding whitespace; lengths count characters as PostgreSQL does (code points).
 */
final class ProfileRules {

    static final int LONGEST_NAME = 200;
    static final int LONGEST_SPECIALIZATION = 100;
    static final int MOST_QUALIFICATIONS = 20;
    static final int LONGEST_QUALIFICATION = 200;
    static final int MOST_YEARS_OF_EXPERIENCE = 70;
    static final int MOST_FEE_DECIMALS = 2;
    static final int LONGEST_BIO = 2000;

    private ProfileRules() {
    }

    /** A whole new profile: the required fields present, every field valid; no qualifications means an empty list. */
    static DoctorProfile checked(DoctorProfile profile) {
        require(profile != null, "profile", "is required");
        return new DoctorProfile(
                fullName(profile.fullName()),
                specialization(profile.specialization()),
                timeZone(profile.timeZone()),
                profile.qualifications() == null ? List.of() : qualifications(profile.qualifications()),
                yearsOfExperience(profile.yearsOfExperience()),
                fee(profile.fee()),
                bio(profile.bio()));
    }

    /** {@code current} with the fields the patch gives, each judged as in a new profile. */
    static DoctorProfile patched(DoctorProfile current, DoctorProfilePatch patch) {
        require(patch != null && !isEmpty(patch), "profile", "must change at least one field");
        return new DoctorProfile(
                patch.fullName() == null ? current.fullName() : fullName(patch.fullName()),
                patch.specialization() == null ? current.specialization() : specialization(patch.specialization()),
                patch.timeZone() == null ? current.timeZone() : timeZone(patch.timeZone()),
                patch.qualifications() == null ? current.qualifications() : qualifications(patch.qualifications()),
                patch.yearsOfExperience() == null ? current.yearsOfExperience()
                        : yearsOfExperience(patch.yearsOfExperience()),
                patch.fee() == null ? current.fee() : fee(patch.fee()),
                patch.bio() == null ? current.bio() : bio(patch.bio()));
    }

    private static String fullName(String fullName) {
        return text("fullName", fullName, LONGEST_NAME);
    }

    private static String specialization(String specialization) {
        return text("specialization", specialization, LONGEST_SPECIALIZATION);
    }

    /**
     * Only region ids: {@link ZoneId#of} also takes offsets ({@code +02:00}, {@code UTC+2}), which know no daylight
     * saving, so a doctor's weekly hours would drift by an hour twice a year.
     */
    private static String timeZone(String timeZone) {
        require(timeZone != null && !timeZone.isBlank(), "timeZone", "is required");
        String id = timeZone.strip();
        require(ZoneId.getAvailableZoneIds().contains(id), "timeZone",
                "must be an IANA time zone such as Europe/Berlin, not an offset");
        return id;
    }

    private static List<String> qualifications(List<String> qualifications) {
        require(qualifications.size() <= MOST_QUALIFICATIONS, "qualifications",
                "must be at most " + MOST_QUALIFICATIONS);
        return qualifications.stream().map(ProfileRules::qualification).toList();
    }

    private static String qualification(String qualification) {
        require(qualification != null && !qualification.isBlank(), "qualifications",
                "must not contain a blank entry");
        String text = qualification.strip();
        require(length(text) <= LONGEST_QUALIFICATION, "qualifications",
                "must each be at most " + LONGEST_QUALIFICATION + " characters");
        require(isOneLine(text), "qualifications", "must each be one line, without tabs or control characters");
        return text;
    }

    private static Integer yearsOfExperience(Integer years) {
        require(years == null || (years >= 0 && years <= MOST_YEARS_OF_EXPERIENCE), "yearsOfExperience",
                "must be between 0 and " + MOST_YEARS_OF_EXPERIENCE);
        return years;
    }

    private static BigDecimal fee(BigDecimal fee) {
        require(fee == null || fee.signum() >= 0, "fee", "must not be negative");
        require(fee == null || fee.stripTrailingZeros().scale() <= MOST_FEE_DECIMALS, "fee",
                "must have at most " + MOST_FEE_DECIMALS + " decimals");
        return fee;
    }

    /** Optional: a blank bio is no bio, which is also how a patch removes one. */
    private static String bio(String bio) {
        if (bio == null || bio.isBlank()) {
            return null;
        }
        String text = bio.strip();
        require(length(text) <= LONGEST_BIO, "bio", "must be at most " + LONGEST_BIO + " characters");
        return text;
    }

    /** Names and titles are single lines: they go into mail headers, list rows and page headings. */
    static boolean isOneLine(String text) {
        return text.chars().noneMatch(Character::isISOControl);
    }

    private static String text(String field, String value, int longest) {
        require(value != null && !value.isBlank(), field, "is required");
        String text = value.strip();
        require(length(text) <= longest, field, "must be at most " + longest + " characters");
        require(isOneLine(text), field, "must be one line, without tabs or control characters");
        return text;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean isEmpty(DoctorProfilePatch patch) {
        return patch.fullName() == null && patch.specialization() == null && patch.timeZone() == null
                && patch.qualifications() == null && patch.yearsOfExperience() == null && patch.fee() == null
                && patch.bio() == null;
    }

    private static void require(boolean rule, String field, String message) {
        if (!rule) {
            throw new InvalidDoctorException(field, message);
        }
    }
}
