package org.migrationconsole.step.prepare.internal.checks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LDAP GeneralizedTime (RFC 4517), as in rootDSE currentTime: {@code 20261124135400.0Z}. */
final class GeneralizedTime {

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(\\d{2})?(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}(?:\\d{2})?)");

    private GeneralizedTime() {
    }

    /** @throws IllegalArgumentException naming the value when it is not a GeneralizedTime */
    static Instant parse(String value) {
        Matcher m = value == null ? null : FORMAT.matcher(value.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + value
                    + "' is not an LDAP GeneralizedTime (e.g. 20261124135400.0Z)");
        }
        int nanos = 0;
        if (m.group(7) != null) {
            nanos = Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
        }
        LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
        String zone = m.group(8);
        ZoneOffset offset = ZoneOffset.UTC;
        if (!zone.equals("Z")) {
            int minutes = zone.length() > 3 ? Integer.parseInt(zone.substring(3)) : 0;
            offset = ZoneOffset.ofHoursMinutes(Integer.parseInt(zone.substring(0, 3)),
                    zone.charAt(0) == '-' ? -minutes : minutes);
        }
        return t.toInstant(offset);
    }
}
