package org.migrationconsole.step.install.internal.answerfile;

/** A key whose value breaks a rule. Never holds the value (it may be a password). */
public record Violation(String section, String key, Rule rule) {

    public String message() {
        return key + " " + rule.sentence() + " [" + rule.id() + "]" + (rule.unverifiedInMigrationMode()
                ? " (documented for a clean install; unverified for migration mode, where Setup signs in with an"
                        + " existing domain administrator)"
                : "");
    }
}
