package org.migrationconsole.step.bpa.internal.rules;

import java.util.List;

/** A rule's answer before it is labelled with the rule: status, message, evidence, remedy. */
public record Verdict(String status, String message, List<String> evidence, String remedy) {

    public static Verdict pass(String message, List<String> evidence) {
        return new Verdict("pass", message, evidence, "");
    }

    public static Verdict fail(String message, List<String> evidence, String remedy) {
        return new Verdict("fail", message, evidence, remedy);
    }

    public static Verdict skipped(String message, List<String> evidence) {
        return new Verdict("skipped", message, evidence, "");
    }

    /** Pass when {@code problems} is empty, otherwise fail listing them first in the evidence. */
    public static Verdict judge(List<String> problems, List<String> evidence, String passMessage,
            String failMessage, String remedy) {
        if (problems.isEmpty()) {
            return pass(passMessage, evidence);
        }
        List<String> all = new java.util.ArrayList<>(problems);
        all.addAll(evidence);
        return fail(failMessage.replace("{n}", String.valueOf(problems.size())), all, remedy);
    }
}
