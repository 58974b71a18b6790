package org.migrationconsole.api.artifact;

import java.util.Map;
import java.util.Optional;

import org.migrationconsole.api.check.ConnectionProfile;
import org.osgi.annotation.versioning.ProviderType;

/** What an artifact may read when it prefills or produces a file. Given by the shell. */
@ProviderType
public interface ArtifactContext {

    /** The workspace's connection profile, if it has one. */
    Optional<ConnectionProfile> profile();

    /** The inputs recorded for a step (its editor's fields), empty when the step is not installed. */
    Map<String, String> stepInputs(String stepId);

    /** The workspace's install path: "a" or "b". */
    String installPath();
}
