package org.migrationconsole.api.state;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the migration's state lives and whether this process may change it.
 *
 * @param directory the workspace directory
 * @param journal the journal file
 * @param readOnly true when another process holds the workspace or it cannot be opened
 * @param readOnlyReason why, or null
 * @param fatalError set when the journal is damaged so that nothing can be trusted; the console
 *            must stop and show it (file and record number)
 * @param warnings things the administrator should know (e.g. a torn last record was dropped)
 */
public record WorkspaceInfo(Path directory, Path journal, boolean readOnly, String readOnlyReason, String fatalError,
        List<String> warnings) {

    public WorkspaceInfo {
        warnings = List.copyOf(warnings);
    }
}
