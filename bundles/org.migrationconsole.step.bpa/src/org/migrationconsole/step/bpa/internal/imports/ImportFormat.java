package org.migrationconsole.step.bpa.internal.imports;

import java.util.List;

import org.migrationconsole.step.bpa.internal.rules.Finding;

/**
 * A format of an exported Microsoft BPA result. Replaceable: the format of an Essentials BPA export
 * is not documented anywhere the console could verify, so each known shape is one implementation,
 * tried in turn by {@link MicrosoftBpaImport}.
 */
public interface ImportFormat {

    /** A short name shown to the administrator, e.g. "Get-BpaResult | Export-Csv". */
    String name();

    /** Whether the text looks like this format (cheap: the first lines). */
    boolean accepts(String text);

    /**
     * The results as findings (rule ids prefixed {@code ms.}).
     *
     * @throws IllegalArgumentException naming the line and the rule the text broke
     */
    List<Finding> parse(String text);
}
