package org.migrationconsole.step.install.internal.answerfile;

import java.util.List;

/**
 * One key of the answer file as the key catalog describes it.
 *
 * @param section the section, e.g. InitialConfiguration
 * @param key the key, case-sensitive
 * @param group the group the editor shows it in
 * @param rules the single-value rules its value must obey, in order (the first broken one is reported)
 * @param required whether the key must be present and non-empty
 * @param secret whether the value is a password (never shown, logged or journalled)
 * @param unverified whether the key comes from no published document
 * @param optIn whether the console writes the key only when asked to (unverified keys Setup might
 *        reject or misread are never written by default)
 * @param explanation what the key does, for the editor
 */
public record KeySpec(String section, String key, String group, List<Rule> rules, boolean required, boolean secret,
        boolean unverified, boolean optIn, String explanation) {

    public KeySpec {
        rules = List.copyOf(rules);
    }
}
