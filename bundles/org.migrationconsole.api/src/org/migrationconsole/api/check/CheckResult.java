package org.migrationconsole.api.check;

import java.util.List;

/**
 * What a check found.
 *
 * @param status pass, fail, error or skipped
 * @param message one sentence on what was found
 * @param evidence what was read, one item per fact (attribute values, records, file lines)
 * @param remedy what the administrator should do when it did not pass; empty when it passed
 */
public record CheckResult(CheckStatus status, String message, List<String> evidence, String remedy) {

    public CheckResult {
        evidence = List.copyOf(evidence);
        remedy = remedy == null ? "" : remedy;
    }

    public static CheckResult pass(String message, List<String> evidence) {
        return new CheckResult(CheckStatus.PASS, message, evidence, "");
    }

    public static CheckResult fail(String message, List<String> evidence, String remedy) {
        return new CheckResult(CheckStatus.FAIL, message, evidence, remedy);
    }

    public static CheckResult error(String message, String remedy) {
        return new CheckResult(CheckStatus.ERROR, message, List.of(), remedy);
    }

    public static CheckResult skipped(String message, List<String> evidence) {
        return new CheckResult(CheckStatus.SKIPPED, message, evidence, "");
    }
}
