package org.migrationconsole.step.bpa.internal.rules;

import java.util.Objects;

/**
 * One Best Practices Analyzer rule: reads the destination over LDAP, DNS or SMB through a
 * {@link Target} and returns a {@link Verdict}. Rules only read.
 */
public final class BpaRule {

    /** The body of a rule. */
    @FunctionalInterface
    public interface Body {
        Verdict evaluate(Target t) throws Exception;
    }

    private final String id;
    private final String title;
    private final String category;
    private final String severity;
    private final Body body;

    public BpaRule(String id, String category, String severity, String title, Body body) {
        this.id = Objects.requireNonNull(id);
        this.title = Objects.requireNonNull(title);
        this.category = Objects.requireNonNull(category);
        this.severity = Objects.requireNonNull(severity);
        this.body = Objects.requireNonNull(body);
        if (!id.matches("bpa\\.[a-z0-9.-]+")) {
            throw new IllegalArgumentException("rule id " + id + ": lower-case words and dots after 'bpa.'");
        }
        if (!java.util.Set.of("error", "warning", "info").contains(severity)) {
            throw new IllegalArgumentException("rule " + id + ": severity must be error, warning or info");
        }
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String category() {
        return category;
    }

    public String severity() {
        return severity;
    }

    /** Runs the rule; a failure to read is an "error" finding naming what failed. */
    public Finding evaluate(Target t) {
        try {
            Verdict v = body.evaluate(t);
            return new Finding(id, title, category, severity, v.status(), v.message(), v.evidence(), v.remedy());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("Interrupted");
        } catch (Exception | LinkageError e) {
            return error("Could not read what the rule needs: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    public Finding error(String message) {
        return new Finding(id, title, category, severity, "error", message, java.util.List.of(),
                "Check that the destination answers over LDAP, DNS and SMB, then run the analyzer again");
    }
}
