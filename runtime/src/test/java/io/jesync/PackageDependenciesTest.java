package io.jesync;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.jesync.testsupport.MainClasses;

/**
 * The package rules of docs/architecture.md: no cycles between the runtime's packages, and simulators that stand
 * alone (their own Maven module; this keeps the rule visible where the other package rules are).
 */
class PackageDependenciesTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = MainClasses.imported();
    }

    /** Every sub-package is its own slice ({@code shop} and {@code shop.norce} count apart); nothing is left out. */
    @Test
    void subPackagesHaveNoCycles() {
        slices().matching("io.jesync.(**)").should().beFreeOfCycles().check(main);
    }

    /**
     * The composition root ({@code io.jesync}) wires everything and is no slice of the rule above, so this keeps it on
     * top: a flow that reached up into it would close a cycle the slices cannot see.
     */
    @Test
    void nothing_below_the_composition_root_depends_on_it() {
        noClasses().that().resideOutsideOfPackage("io.jesync").should().dependOnClassesThat()
                .resideInAPackage("io.jesync").check(main);
    }

    @Test
    void simulatorsDependOnNothingOfTheRuntime() {
        noClasses().that().resideInAPackage("io.jesync.simulator..").should().dependOnClassesThat(
                resideInAPackage("io.jesync..").and(not(resideInAPackage("io.jesync.simulator.."))))
                .check(main);
    }
}
