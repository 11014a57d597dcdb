package com.careslot.command.doctor;

import static com.careslot.command.Rejections.invalid;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.careslot.api.account.Actor;
import com.careslot.api.account.Role;
import com.careslot.api.doctor.AttachCredentials;
import com.careslot.api.doctor.ChangeProfilePhoto;
import com.careslot.api.doctor.CredentialDocument;
import com.careslot.api.doctor.CredentialNote;
import com.careslot.api.doctor.CredentialsReviewed;
import com.careslot.api.doctor.NoteCredentials;
import com.careslot.api.doctor.CredentialDownloaded;
import com.careslot.api.doctor.CredentialsAttached;
import com.careslot.api.doctor.ProfilePhoto;
import com.careslot.api.doctor.ProfilePhotoChanged;
import com.careslot.api.doctor.RecordCredentialDownload;
import java.util.stream.Stream;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.careslot.api.doctor.ApplyAsDoctor;
import com.careslot.api.doctor.ApproveDoctor;
import com.careslot.api.doctor.DoctorApplied;
import com.careslot.api.doctor.DoctorApproved;
import com.careslot.api.doctor.DoctorOnboarded;
import com.careslot.api.doctor.DoctorProfile;
import com.careslot.api.doctor.DoctorProfilePatch;
import com.careslot.api.doctor.DoctorProfileUpdated;
import com.careslot.api.doctor.DoctorRejected;
import com.careslot.api.doctor.OnboardDoctor;
import com.careslot.api.doctor.RejectDoctor;
import com.careslot.api.doctor.UpdateDoctorProfile;

class DoctorTest {

    private static final UUID DOCTOR = UUID.fromString("d0c70000-0000-4000-8000-000000000001");
    private static final String EMAIL = "anna.berg@clinic.example";
    private static final DoctorProfile PROFILE = new DoctorProfile("Anna Berg", "Cardiology", "Europe/Berlin",
            List.of("MD", "FESC"), 12, new BigDecimal("120.00"), "Heart rhythm disorders.");

    private FixtureConfiguration<Doctor> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Doctor.class);
    }

    @Nested
    class Onboarding {

        @Test
        void onboardsAnActiveDoctor() {
            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(DOCTOR, EMAIL, PROFILE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(onboarded());
        }

        @Test
        void onboardsWithOnlyTheRequiredFields() {
            DoctorProfile minimal = new DoctorProfile("Anna Berg", "Cardiology", "Europe/Berlin", null, null, null,
                    null);

            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(DOCTOR, EMAIL, minimal))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, new DoctorProfile("Anna Berg", "Cardiology",
                            "Europe/Berlin", List.of(), null, null, null)));
        }

        @Test
        void keepsTheEmailInLowerCaseWithoutSurroundingSpaces() {
            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(DOCTOR, "  Anna.Berg@Clinic.EXAMPLE ", PROFILE))
                    .expectEvents(onboarded());
        }

        @Test
        void keepsTextWithoutSurroundingSpaces() {
            DoctorProfile padded = new DoctorProfile(" Anna Berg ", " Cardiology\t", " Europe/Berlin ",
                    List.of(" MD", "FESC "), 12, new BigDecimal("120.00"), "\nHeart rhythm disorders. ");

            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(DOCTOR, EMAIL, padded))
                    .expectEvents(onboarded());
        }

        @Test
        void refusesWithoutDoctorId() {
            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(null, EMAIL, PROFILE))
                    .expectException(invalid("doctorId"))
                    .expectNoEvents();
        }

        @Test
        void refusesWithoutEmail() {
            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(DOCTOR, " ", PROFILE))
                    .expectException(invalid("email"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnEmailWithoutAt() {
            refusesEmail("anna.berg.clinic.example");
        }

        @Test
        void refusesAnEmailWithTwoAts() {
            refusesEmail("anna@berg@clinic.example");
        }

        @Test
        void refusesAnEmailWithNothingBeforeTheAt() {
            refusesEmail("@clinic.example");
        }

        @Test
        void refusesAnEmailWithNothingAfterTheAt() {
            refusesEmail("anna.berg@");
        }

        @Test
        void refusesAnEmailWithASpaceInside() {
            refusesEmail("anna berg@clinic.example");
        }

        @Test
        void acceptsAnEmailOf254Characters() {
            String email = "a".repeat(254 - "@clinic.example".length()) + "@clinic.example";

            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(DOCTOR, email, PROFILE))
                    .expectEvents(new DoctorOnboarded(DOCTOR, email, PROFILE));
        }

        @Test
        void refusesAnEmailLongerThan254Characters() {
            refusesEmail("a".repeat(255 - "@clinic.example".length()) + "@clinic.example");
        }

        @Test
        void refusesWithoutProfile() {
            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(DOCTOR, EMAIL, null))
                    .expectException(invalid("profile"))
                    .expectNoEvents();
        }

        @Test
        void refusesWithoutFullName() {
            refusesProfile(new DoctorProfile(null, "Cardiology", "Europe/Berlin", null, null, null, null),
                    "fullName");
        }

        @Test
        void refusesABlankFullName() {
            refusesProfile(new DoctorProfile("   ", "Cardiology", "Europe/Berlin", null, null, null, null),
                    "fullName");
        }

        @Test
        void acceptsAFullNameOf200Characters() {
            fixture.givenNoPriorActivity()
                    .when(onboard(profileWithFullName("x".repeat(200))))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileWithFullName("x".repeat(200))));
        }

        @Test
        void refusesAFullNameLongerThan200Characters() {
            refusesProfile(profileWithFullName("x".repeat(201)), "fullName");
        }

        @Test
        void refusesWithoutSpecialization() {
            refusesProfile(new DoctorProfile("Anna Berg", null, "Europe/Berlin", null, null, null, null),
                    "specialization");
        }

        @Test
        void refusesASpecializationLongerThan100Characters() {
            refusesProfile(new DoctorProfile("Anna Berg", "x".repeat(101), "Europe/Berlin", null, null, null, null),
                    "specialization");
        }

        @Test
        void refusesWithoutTimeZone() {
            refusesProfile(profileInZone(null), "timeZone");
        }

        @Test
        void refusesAnUnknownTimeZone() {
            refusesProfile(profileInZone("Mars/Olympus_Mons"), "timeZone");
        }

        @Test
        void refusesAnOffsetAsTimeZone() {
            refusesProfile(profileInZone("+02:00"), "timeZone");
        }

        @Test
        void refusesAnOffsetFromUtcAsTimeZone() {
            refusesProfile(profileInZone("UTC+02:00"), "timeZone");
        }

        @Test
        void acceptsUtcAsTimeZone() {
            fixture.givenNoPriorActivity()
                    .when(onboard(profileInZone("UTC")))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileInZone("UTC")));
        }

        @Test
        void acceptsZeroYearsOfExperience() {
            fixture.givenNoPriorActivity()
                    .when(onboard(profileWithYears(0)))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileWithYears(0)));
        }

        @Test
        void accepts70YearsOfExperience() {
            fixture.givenNoPriorActivity()
                    .when(onboard(profileWithYears(70)))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileWithYears(70)));
        }

        @Test
        void refusesNegativeYearsOfExperience() {
            refusesProfile(profileWithYears(-1), "yearsOfExperience");
        }

        @Test
        void refusesMoreThan70YearsOfExperience() {
            refusesProfile(profileWithYears(71), "yearsOfExperience");
        }

        @Test
        void acceptsAFreeConsultation() {
            fixture.givenNoPriorActivity()
                    .when(onboard(profileWithFee("0")))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileWithFee("0")));
        }

        @Test
        void refusesANegativeFee() {
            refusesProfile(profileWithFee("-0.01"), "fee");
        }

        @Test
        void refusesAFeeWithMoreThanTwoDecimals() {
            refusesProfile(profileWithFee("120.005"), "fee");
        }

        @Test
        void acceptsZerosBeyondTheSecondDecimalOfAFee() {
            fixture.givenNoPriorActivity()
                    .when(onboard(profileWithFee("120.500")))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileWithFee("120.500")));
        }

        @Test
        void acceptsABioOf2000Characters() {
            fixture.givenNoPriorActivity()
                    .when(onboard(profileWithBio("x".repeat(2000))))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileWithBio("x".repeat(2000))));
        }

        @Test
        void refusesABioLongerThan2000Characters() {
            refusesProfile(profileWithBio("x".repeat(2001)), "bio");
        }

        @Test
        void keepsABlankBioAsNone() {
            fixture.givenNoPriorActivity()
                    .when(onboard(profileWithBio("  ")))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileWithBio(null)));
        }

        @Test
        void accepts20Qualifications() {
            List<String> twenty = Collections.nCopies(20, "MD");

            fixture.givenNoPriorActivity()
                    .when(onboard(profileWithQualifications(twenty)))
                    .expectEvents(new DoctorOnboarded(DOCTOR, EMAIL, profileWithQualifications(twenty)));
        }

        @Test
        void refusesMoreThan20Qualifications() {
            refusesProfile(profileWithQualifications(Collections.nCopies(21, "MD")), "qualifications");
        }

        @Test
        void refusesABlankQualification() {
            refusesProfile(profileWithQualifications(List.of("MD", " ")), "qualifications");
        }

        @Test
        void refusesAMissingQualification() {
            refusesProfile(profileWithQualifications(Arrays.asList("MD", null)), "qualifications");
        }

        @Test
        void refusesAQualificationLongerThan200Characters() {
            refusesProfile(profileWithQualifications(List.of("x".repeat(201))), "qualifications");
        }

        private void refusesEmail(String email) {
            fixture.givenNoPriorActivity()
                    .when(new OnboardDoctor(DOCTOR, email, PROFILE))
                    .expectException(invalid("email"))
                    .expectNoEvents();
        }

        private void refusesProfile(DoctorProfile profile, String field) {
            fixture.givenNoPriorActivity()
                    .when(onboard(profile))
                    .expectException(invalid(field))
                    .expectNoEvents();
        }
    }

    @Nested
    class Applying {

        @Test
        void receivesAPendingApplication() {
            fixture.givenNoPriorActivity()
                    .when(new ApplyAsDoctor(DOCTOR, "Anna.Berg@clinic.example", PROFILE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(applied());
        }

        @Test
        void refusesAnApplicationWithoutEmail() {
            fixture.givenNoPriorActivity()
                    .when(new ApplyAsDoctor(DOCTOR, null, PROFILE))
                    .expectException(invalid("email"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnApplicationWithAnOffsetAsTimeZone() {
            fixture.givenNoPriorActivity()
                    .when(new ApplyAsDoctor(DOCTOR, EMAIL, profileInZone("-05:00")))
                    .expectException(invalid("timeZone"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Approving {

        @Test
        void approvesAPendingDoctor() {
            fixture.given(applied())
                    .when(new ApproveDoctor(DOCTOR))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DoctorApproved(DOCTOR));
        }

        @Test
        void cannotApproveAnActiveDoctor() {
            fixture.given(onboarded())
                    .when(new ApproveDoctor(DOCTOR))
                    .expectException(DoctorNotPendingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotApproveTwice() {
            fixture.given(applied(), new DoctorApproved(DOCTOR))
                    .when(new ApproveDoctor(DOCTOR))
                    .expectException(DoctorNotPendingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotApproveARejectedDoctor() {
            fixture.given(applied(), rejected())
                    .when(new ApproveDoctor(DOCTOR))
                    .expectException(DoctorNotPendingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotApproveAnUnknownDoctor() {
            fixture.givenNoPriorActivity()
                    .when(new ApproveDoctor(DOCTOR))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Rejecting {

        @Test
        void rejectsAPendingDoctorSayingWhy() {
            fixture.given(applied())
                    .when(new RejectDoctor(DOCTOR, " No licence on file. "))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(rejected());
        }

        @Test
        void refusesARejectionWithoutReason() {
            fixture.given(applied())
                    .when(new RejectDoctor(DOCTOR, null))
                    .expectException(invalid("reason"))
                    .expectNoEvents();
        }

        @Test
        void refusesARejectionWithABlankReason() {
            fixture.given(applied())
                    .when(new RejectDoctor(DOCTOR, "  "))
                    .expectException(invalid("reason"))
                    .expectNoEvents();
        }

        @Test
        void refusesAReasonLongerThan500Characters() {
            fixture.given(applied())
                    .when(new RejectDoctor(DOCTOR, "x".repeat(501)))
                    .expectException(invalid("reason"))
                    .expectNoEvents();
        }

        @Test
        void cannotRejectAnActiveDoctor() {
            fixture.given(onboarded())
                    .when(new RejectDoctor(DOCTOR, "No licence on file."))
                    .expectException(DoctorNotPendingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotRejectAnApprovedDoctor() {
            fixture.given(applied(), new DoctorApproved(DOCTOR))
                    .when(new RejectDoctor(DOCTOR, "No licence on file."))
                    .expectException(DoctorNotPendingException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotRejectTwice() {
            fixture.given(applied(), rejected())
                    .when(new RejectDoctor(DOCTOR, "Still no licence."))
                    .expectException(DoctorNotPendingException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class UpdatingTheProfile {

        @Test
        void updatesOnlyTheGivenFields() {
            DoctorProfile updated = new DoctorProfile("Anna Berg", "Electrophysiology", "Europe/Berlin",
                    List.of("MD", "FESC"), 12, new BigDecimal("150.00"), "Heart rhythm disorders.");

            fixture.given(onboarded())
                    .when(update(new DoctorProfilePatch(null, "Electrophysiology", null, null, null,
                            new BigDecimal("150.00"), null)))
                    .expectEvents(new DoctorProfileUpdated(DOCTOR, updated))
                    .expectResultMessagePayload(updated);
        }

        @Test
        void patchesTheProfileAsLastChanged() {
            DoctorProfile changed = new DoctorProfile("Anna Berg", "Electrophysiology", "Europe/Berlin",
                    List.of("MD", "FESC"), 12, new BigDecimal("120.00"), "Heart rhythm disorders.");
            DoctorProfile updated = new DoctorProfile("Anna Berg", "Electrophysiology", "Europe/Berlin",
                    List.of("MD", "FESC"), 13, new BigDecimal("120.00"), "Heart rhythm disorders.");

            fixture.given(onboarded(), new DoctorProfileUpdated(DOCTOR, changed))
                    .when(update(new DoctorProfilePatch(null, null, null, null, 13, null, null)))
                    .expectEvents(new DoctorProfileUpdated(DOCTOR, updated));
        }

        @Test
        void clearsQualificationsWithAnEmptyList() {
            fixture.given(onboarded())
                    .when(update(new DoctorProfilePatch(null, null, null, List.of(), null, null, null)))
                    .expectEvents(new DoctorProfileUpdated(DOCTOR, profileWithQualifications(List.of())));
        }

        @Test
        void replacesTheQualificationsWithTheGivenList() {
            fixture.given(onboarded())
                    .when(update(new DoctorProfilePatch(null, null, null, List.of("PhD"), null, null, null)))
                    .expectEvents(new DoctorProfileUpdated(DOCTOR, profileWithQualifications(List.of("PhD"))));
        }

        @Test
        void removesTheBioWithABlankOne() {
            fixture.given(onboarded())
                    .when(update(new DoctorProfilePatch(null, null, null, null, null, null, "")))
                    .expectEvents(new DoctorProfileUpdated(DOCTOR, profileWithBio(null)));
        }

        @Test
        void updatesAPendingApplication() {
            fixture.given(applied())
                    .when(update(new DoctorProfilePatch(null, null, "Europe/Vienna", null, null, null, null)))
                    .expectEvents(new DoctorProfileUpdated(DOCTOR, profileInZone("Europe/Vienna")));
        }

        @Test
        void recordsNothingForAPatchThatChangesNothing() {
            fixture.given(onboarded())
                    .when(update(new DoctorProfilePatch("Anna Berg", null, null, null, 12, null, null)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(PROFILE);
        }

        @Test
        void refusesAnEmptyPatch() {
            fixture.given(onboarded())
                    .when(update(new DoctorProfilePatch(null, null, null, null, null, null, null)))
                    .expectException(invalid("profile"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingPatch() {
            fixture.given(onboarded())
                    .when(update(null))
                    .expectException(invalid("profile"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "refuses an invalid {0}")
        @MethodSource("com.careslot.command.doctor.DoctorTest#invalidPatches")
        void refusesAPatchBreakingAProfileRule(String field, DoctorProfilePatch patch) {
            fixture.given(onboarded())
                    .when(update(patch))
                    .expectException(invalid(field))
                    .expectNoEvents();
        }

        @Test
        void cannotUpdateARejectedDoctor() {
            fixture.given(applied(), rejected())
                    .when(update(new DoctorProfilePatch(null, "Electrophysiology", null, null, null, null, null)))
                    .expectException(DoctorRejectedException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotUpdateAnUnknownDoctor() {
            fixture.givenNoPriorActivity()
                    .when(update(new DoctorProfilePatch(null, "Electrophysiology", null, null, null, null, null)))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    /** One patch per profile field breaking one of its rules; a blank required field cannot be cleared. */
    static Stream<Arguments> invalidPatches() {
        return Stream.of(
                Arguments.of("fullName", new DoctorProfilePatch(" ", null, null, null, null, null, null)),
                Arguments.of("specialization",
                        new DoctorProfilePatch(null, "x".repeat(101), null, null, null, null, null)),
                Arguments.of("timeZone", new DoctorProfilePatch(null, null, "+02:00", null, null, null, null)),
                Arguments.of("qualifications",
                        new DoctorProfilePatch(null, null, null, List.of(""), null, null, null)),
                Arguments.of("yearsOfExperience", new DoctorProfilePatch(null, null, null, null, 71, null, null)),
                Arguments.of("fee",
                        new DoctorProfilePatch(null, null, null, null, null, new BigDecimal("-1"), null)),
                Arguments.of("bio", new DoctorProfilePatch(null, null, null, null, null, null, "x".repeat(2001))));
    }

    @Nested
    class CredentialsAndPhotos {

        private final Actor byDoctor = new Actor(DOCTOR, Role.DOCTOR);
        private final Actor byAdmin = new Actor(UUID.fromString("ad000000-0000-4000-8000-000000000009"), Role.ADMIN);
        private final Actor byOtherDoctor =
                new Actor(UUID.fromString("d0c70000-0000-4000-8000-000000000099"), Role.DOCTOR);

        @BeforeEach
        void limits() {
            fixture.registerInjectableResource(new UploadLimits(1024, 3, 1_000_000));
        }

        @Test
        void theDoctorAttachesDocumentsNamedByIdSizeTypeAndDigest() {
            List<CredentialDocument> documents = List.of(document(1), document(2));
            fixture.given(applied())
                    .when(new AttachCredentials(DOCTOR, documents, byDoctor))
                    .expectEvents(new CredentialsAttached(DOCTOR, documents));
        }

        @Test
        void refusesMoreDocumentsThanTheLimitAllAttachmentsCounted() {
            fixture.given(applied(), new CredentialsAttached(DOCTOR, List.of(document(1), document(2))))
                    .when(new AttachCredentials(DOCTOR, List.of(document(3), document(4)), byDoctor))
                    .expectException(TooManyDocumentsException.class)
                    .expectNoEvents();
        }

        @Test
        void anotherDoctorAttachesNothing() {
            fixture.given(onboarded())
                    .when(new AttachCredentials(DOCTOR, List.of(document(1)), byOtherDoctor))
                    .expectException(NotYourProfileException.class)
                    .expectNoEvents();
        }

        @Test
        void aRejectedApplicationTakesNoMoreFiles() {
            fixture.given(applied(), rejected())
                    .when(new AttachCredentials(DOCTOR, List.of(document(1)), byAdmin))
                    .expectException(DoctorRejectedException.class);
        }

        @Test
        void everyDownloadByTheDoctorOrAnAdminIsRecorded() {
            fixture.given(applied(), new CredentialsAttached(DOCTOR, List.of(document(1))))
                    .when(new RecordCredentialDownload(DOCTOR, document(1).documentId(), byAdmin))
                    .expectEvents(new CredentialDownloaded(DOCTOR, document(1).documentId()))
                    .expectResultMessagePayload(document(1));
        }

        @Test
        void anotherDoctorDownloadsNothingAndNothingIsRecorded() {
            fixture.given(applied(), new CredentialsAttached(DOCTOR, List.of(document(1))))
                    .when(new RecordCredentialDownload(DOCTOR, document(1).documentId(), byOtherDoctor))
                    .expectException(NotYourProfileException.class)
                    .expectNoEvents();
            fixture.given(applied(), new CredentialsAttached(DOCTOR, List.of(document(1))))
                    .when(new RecordCredentialDownload(DOCTOR, document(1).documentId(),
                            new Actor(UUID.randomUUID(), Role.PATIENT)))
                    .expectException(NotYourProfileException.class);
        }

        @Test
        void anUnknownDocumentIsNotFound() {
            fixture.given(onboarded())
                    .when(new RecordCredentialDownload(DOCTOR, document(7).documentId(), byDoctor))
                    .expectException(UnknownDocumentException.class)
                    .expectNoEvents();
        }

        @Test
        void anAdminNotesEachDocumentItMustBeOneOfTheDoctors() {
            CredentialNote note = new CredentialNote(document(1).documentId(), "Licence checked.");
            fixture.given(applied(), new CredentialsAttached(DOCTOR, List.of(document(1))))
                    .when(new NoteCredentials(DOCTOR, List.of(note), byAdmin))
                    .expectEvents(new CredentialsReviewed(DOCTOR, List.of(note)));
            fixture.given(applied(), new CredentialsAttached(DOCTOR, List.of(document(1))))
                    .when(new NoteCredentials(DOCTOR, List.of(new CredentialNote(document(2).documentId(), "?")),
                            byAdmin))
                    .expectException(invalid("documentNotes[0].documentId"))
                    .expectNoEvents();
            fixture.given(applied(), new CredentialsAttached(DOCTOR, List.of(document(1))))
                    .when(new NoteCredentials(DOCTOR, List.of(note), byDoctor))
                    .expectException(NotYourProfileException.class)
                    .expectNoEvents();
        }

        @Test
        void theDoctorChangesThePhoto() {
            ProfilePhoto photo = new ProfilePhoto(UUID.fromString("f0000000-0000-4000-8000-000000000001"), "me.jpg",
                    2048, "image/jpeg", "ab".repeat(32), List.of(new ProfilePhoto.Variant(96,
                            UUID.fromString("f0000000-0000-4000-8000-000000000002"), 900, "cd".repeat(32))));
            fixture.given(onboarded())
                    .when(new ChangeProfilePhoto(DOCTOR, photo, byDoctor))
                    .expectEvents(new ProfilePhotoChanged(DOCTOR, photo));
        }

        private CredentialDocument document(int n) {
            return new CredentialDocument(UUID.fromString("dc000000-0000-4000-8000-00000000000" + n), "doc-" + n
                    + ".pdf", 100 + n, "application/pdf", Integer.toString(n).repeat(64));
        }
    }

    private static OnboardDoctor onboard(DoctorProfile profile) {
        return new OnboardDoctor(DOCTOR, EMAIL, profile);
    }

    private static UpdateDoctorProfile update(DoctorProfilePatch patch) {
        return new UpdateDoctorProfile(DOCTOR, patch);
    }

    private static DoctorOnboarded onboarded() {
        return new DoctorOnboarded(DOCTOR, EMAIL, PROFILE);
    }

    private static DoctorApplied applied() {
        return new DoctorApplied(DOCTOR, EMAIL, PROFILE);
    }

    private static DoctorRejected rejected() {
        return new DoctorRejected(DOCTOR, "No licence on file.");
    }

    private static DoctorProfile profileWithFullName(String fullName) {
        return new DoctorProfile(fullName, PROFILE.specialization(), PROFILE.timeZone(), PROFILE.qualifications(),
                PROFILE.yearsOfExperience(), PROFILE.fee(), PROFILE.bio());
    }

    private static DoctorProfile profileInZone(String timeZone) {
        return new DoctorProfile(PROFILE.fullName(), PROFILE.specialization(), timeZone, PROFILE.qualifications(),
                PROFILE.yearsOfExperience(), PROFILE.fee(), PROFILE.bio());
    }

    private static DoctorProfile profileWithQualifications(List<String> qualifications) {
        return new DoctorProfile(PROFILE.fullName(), PROFILE.specialization(), PROFILE.timeZone(), qualifications,
                PROFILE.yearsOfExperience(), PROFILE.fee(), PROFILE.bio());
    }

    private static DoctorProfile profileWithYears(Integer years) {
        return new DoctorProfile(PROFILE.fullName(), PROFILE.specialization(), PROFILE.timeZone(),
                PROFILE.qualifications(), years, PROFILE.fee(), PROFILE.bio());
    }

    private static DoctorProfile profileWithFee(String fee) {
        return new DoctorProfile(PROFILE.fullName(), PROFILE.specialization(), PROFILE.timeZone(),
                PROFILE.qualifications(), PROFILE.yearsOfExperience(), new BigDecimal(fee), PROFILE.bio());
    }

    private static DoctorProfile profileWithBio(String bio) {
        return new DoctorProfile(PROFILE.fullName(), PROFILE.specialization(), PROFILE.timeZone(),
                PROFILE.qualifications(), PROFILE.yearsOfExperience(), PROFILE.fee(), bio);
    }
}
