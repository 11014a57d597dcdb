package com.careslot;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import com.careslot.command.Rejection;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The three services share only {@code api} and {@code platform}; the message contract stays a plain library; the
 * domain knows nothing of the web. Main classes only: the services come in as jars or as target/classes; the test
 * classes other modules share (platform's test jar, with endpoints made to break the rules on purpose) stay out.
 */
@AnalyzeClasses(packages = "com.careslot",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    private static final String[] SERVICES = {"com.careslot.command..", "com.careslot.query..",
            "com.careslot.notification.."};

    @ArchTest
    static final ArchRule apiIsPlainJavaPlusTheRoutingAnnotation = classes()
            .that().resideInAPackage("com.careslot.api..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "com.careslot.api..")
                    .or(type(TargetAggregateIdentifier.class)).or(type(Revision.class)))
            .because("the api is the contract every service and client shares: no Spring, JPA, Jackson or "
                    + "Axon beyond the routing annotation and an event's revision (part of its contract)");

    @ArchTest
    static final ArchRule servicesAreIndependentOfEachOther = slices()
            .matching("com.careslot.(command|query|notification)..")
            .should().notDependOnEachOther()
            .because("each service deploys alone and shares only api and platform");

    @ArchTest
    static final ArchRule servicesDoNotKnowTheStandaloneWiring = noClasses()
            .that().resideInAnyPackage(SERVICES)
            .should().dependOnClassesThat().resideInAPackage("com.careslot")
            .because("standalone only wires the services together");

    @ArchTest
    static final ArchRule platformKnowsNoService = noClasses()
            .that().resideInAPackage("com.careslot.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVICES)
            .orShould().dependOnClassesThat().resideInAPackage("com.careslot")
            .because("platform is shared infrastructure underneath every service");

    @ArchTest
    static final ArchRule domainIsFreeOfWebTypes = noClasses()
            .that().resideInAPackage("com.careslot.command..")
            // not annotatedWith(…).or(…): predicates of different types bind the static or(…), dropping the first
            .and(DescribedPredicate.or(annotatedWith(Aggregate.class), simpleNameEndingWith("Exception"),
                    assignableTo(Rejection.class)))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
            .because("rules and refusals are decided in the domain; HTTP is mapped at the edge");

    @ArchTest
    static final ArchRule everyEndpointStatesItsRule = methods()
            .that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .and().areAnnotatedWith(RequestMapping.class)
            .or().areAnnotatedWith(GetMapping.class).or().areAnnotatedWith(PostMapping.class)
            .or().areAnnotatedWith(PatchMapping.class).or().areAnnotatedWith(DeleteMapping.class)
            .or().areAnnotatedWith(PutMapping.class)
            .should().beAnnotatedWith(PreAuthorize.class)
            .because("security by default: every endpoint states who may call it (permitAll() when anyone may)");

    /** Other modules' test jars, which the standalone tests use for their HTTP client and test accounts. */
    public static final class DoNotIncludeTestJars implements ImportOption {

        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }
}
