package org.migrationconsole.api.check;

import java.time.Instant;
import java.util.Optional;

/**
 * A server's clock as it states it when a client connects (the SMB negotiation, before any
 * sign-in), and when the console read it.
 *
 * @param time the server's time (UTC)
 * @param readAt this machine's time when the answer arrived
 * @param utcOffsetMinutes the server's time zone as minutes east of UTC, when the protocol tells it
 *        (SMB1 does, SMB2 and later do not); null otherwise
 * @param how what was read, for evidence (e.g. "SMB1 negotiate from 10.0.0.2:445")
 * @since 1.2
 */
public record ServerClock(Instant time, Instant readAt, Integer utcOffsetMinutes, String how) {

    /** The time zone, when known. */
    public Optional<Integer> offset() {
        return Optional.ofNullable(utcOffsetMinutes);
    }
}
