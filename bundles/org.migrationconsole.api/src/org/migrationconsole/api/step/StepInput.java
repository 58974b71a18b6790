package org.migrationconsole.api.step;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A value the administrator records for a step (for example the router's LAN address), edited
 * in the step's editor and kept in the journal. Never a secret: passwords live in secure
 * storage, not here.
 */
public final class StepInput {

    private final String id;
    private final String label;
    private final String help;
    private final Pattern pattern;
    private final String rule;
    private final boolean multiLine;
    private final boolean unverified;

    private StepInput(String id, String label, String help, Pattern pattern, String rule, boolean multiLine,
            boolean unverified) {
        this.id = id;
        this.label = label;
        this.help = help;
        this.pattern = pattern;
        this.rule = rule;
        this.multiLine = multiLine;
        this.unverified = unverified;
    }

    /** A free-text input. */
    public static StepInput text(String id, String label, String help) {
        return new StepInput(check(id), label, help, null, null, false, false);
    }

    /** A free-text input spanning several lines (lists, inventories). */
    public static StepInput lines(String id, String label, String help) {
        return new StepInput(check(id), label, help, null, null, true, false);
    }

    /**
     * An input whose non-empty value must match {@code regex}; {@code rule} says the rule in
     * words and is shown when a value breaks it.
     */
    public static StepInput matching(String id, String label, String help, String regex, String rule) {
        return new StepInput(check(id), label, help, Pattern.compile(regex), Objects.requireNonNull(rule), false,
                false);
    }

    /** A copy marked as not confirmed by the source material. */
    public StepInput asUnverified() {
        return new StepInput(id, label, help, pattern, rule, multiLine, true);
    }

    private static String check(String id) {
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("input id '" + id + "' must be lower-case words joined by hyphens");
        }
        return id;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String help() {
        return help;
    }

    public boolean multiLine() {
        return multiLine;
    }

    public boolean unverified() {
        return unverified;
    }

    /** The rule in words, if the input has one. */
    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }

    /**
     * Checks a value. Empty values are always accepted (inputs are filled in over time).
     *
     * @return the broken rule, or empty when the value is acceptable
     */
    public Optional<String> validate(String value) {
        if (value == null || value.isEmpty() || pattern == null) {
            return Optional.empty();
        }
        return pattern.matcher(value).matches() ? Optional.empty() : Optional.of(rule);
    }
}
