package io.jesync.findings;

import java.util.ArrayList;
import java.util.List;

/** Collects what the checks of one preflight run find, in the order they find it. */
public final class PreflightFindings {
    private final List<PreflightProblem> problems = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();
    private final List<String> unverified = new ArrayList<>();

    public void problem(PreflightProblem problem) {
        problems.add(problem);
    }

    /** A check that ran, whatever its outcome, e.g. {@code shop.se.orders.layout-number against e-conomic /layouts}. */
    public void checked(String what) {
        checked.add(what);
    }

    /** A setting or assumption that no public contract lets the runtime check on the tenant, and why. */
    public void unverified(String note) {
        if (!unverified.contains(note)) {
            unverified.add(note);
        }
    }

    public List<PreflightProblem> problems() {
        return problems;
    }

    public List<String> checked() {
        return checked;
    }

    public List<String> unverifiedNotes() {
        return unverified;
    }
}
