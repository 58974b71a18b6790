package org.migrationconsole.report;

import java.util.List;

/**
 * One section of the report: a heading, an optional lead sentence and its blocks.
 *
 * @param id an anchor id, lower case with dashes (e.g. {@code server-changes})
 * @param title the heading
 * @param lead a sentence under the heading, or null
 * @param blocks the content, in order
 */
public record Section(String id, String title, String lead, List<Block> blocks) {

    public Section {
        if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("section id '" + id + "' must be lower case letters, digits and dashes");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("section " + id + " needs a title");
        }
        blocks = List.copyOf(blocks);
    }
}
