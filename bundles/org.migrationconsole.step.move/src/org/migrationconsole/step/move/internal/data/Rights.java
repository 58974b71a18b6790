package org.migrationconsole.step.move.internal.data;

import java.util.Locale;

/** Access masks and inheritance flags in the words of the Windows security tabs. */
public final class Rights {

    private Rights() {
    }

    /** GENERIC_ALL, or every file right with WRITE_DAC and WRITE_OWNER. */
    static boolean full(int mask) {
        return (mask & 0x10000000) != 0 || (mask & 0xC01ff) == 0xC01ff;
    }

    /** NTFS rights: Full control, Modify, Read &amp; execute, Read, Write, or the mask. */
    public static String ntfs(int mask) {
        if (full(mask)) {
            return "Full control";
        }
        if ((mask & 0x1bf) == 0x1bf) {
            return "Modify";
        }
        if ((mask & 0xa9) == 0xa9) {
            return (mask & 0x116) == 0x116 ? "Read & execute, write" : "Read & execute";
        }
        if ((mask & 0x89) == 0x89) {
            return (mask & 0x116) == 0x116 ? "Read, write" : "Read";
        }
        if ((mask & 0x116) == 0x116) {
            return "Write";
        }
        return "Special (0x" + Integer.toHexString(mask).toUpperCase(Locale.ROOT) + ")";
    }

    /** Share rights: Full Control, Change, Read, or the mask. */
    public static String share(int mask) {
        if (full(mask)) {
            return "Full Control";
        }
        if ((mask & 0x1bf) == 0x1bf) {
            return "Change";
        }
        if ((mask & 0x89) == 0x89 || (mask & 0x80000000) != 0) {
            return "Read";
        }
        return "Special (0x" + Integer.toHexString(mask).toUpperCase(Locale.ROOT) + ")";
    }

    /** "Applies to" of an ACE on a folder. */
    public static String appliesTo(int flags) {
        boolean oi = (flags & 0x01) != 0;
        boolean ci = (flags & 0x02) != 0;
        boolean io = (flags & 0x08) != 0;
        String what = oi && ci ? "subfolders and files" : ci ? "subfolders" : oi ? "files" : "";
        if (what.isEmpty()) {
            return "this folder only";
        }
        return io ? what + " only" : "this folder, " + what;
    }
}
