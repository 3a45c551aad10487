package io.jesync.testsupport;

import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The product's classes, runtime and simulators, for the ArchUnit rules: no test class of either module. */
public final class MainClasses {
    /**
     * In a reactor build that has packaged the simulators module, its test classes come as a test jar, which
     * {@link ImportOption.Predefined#DO_NOT_INCLUDE_TESTS} (test class folders only) lets through.
     */
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    private MainClasses() {
    }

    public static JavaClasses imported() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JAR))
                .importPackages("io.jesync");
    }
}
