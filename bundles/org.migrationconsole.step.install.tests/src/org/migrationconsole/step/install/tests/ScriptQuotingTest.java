package org.migrationconsole.step.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.migrationconsole.api.artifact.ScriptQuoting;
import org.migrationconsole.step.install.internal.replica.ReplicaScript;

/**
 * Issue 9, "Every generated script quotes values by its language's rules": PowerShell (the FSMO
 * script) and .cmd (for the move step's robocopy scripts) with the hostile values of the issue.
 */
class ScriptQuotingTest {

    @Test
    void powerShellDoublesSingleQuotesAndExpandsNothing() {
        assertEquals("'o''brien'", ScriptQuoting.powerShell("o'brien", "source.admin"));
        assertEquals("'x'' $(calc) '''", ScriptQuoting.powerShell("x' $(calc) '", "source.admin"));
        assertEquals("'$env:PATH `n'", ScriptQuoting.powerShell("$env:PATH `n", "v"));
        // PowerShell treats the typographic single quotes as quotes too
        assertEquals("'a\u2019\u2019b'", ScriptQuoting.powerShell("a\u2019b", "v"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScriptQuoting.powerShell("a\r\nRemove-Item C:\\", "source.admin"));
        assertTrue(e.getMessage().contains("source.admin") && e.getMessage().contains("U+000D"), e.getMessage());
    }

    @Test
    void theFsmoScriptCarriesHostileAccountsAsTextOnly() {
        for (String admin : new String[] { "o'brien", "x' $(calc) '" }) {
            String s = ReplicaScript.generate("contoso.local", "sbs2003.contoso.local", "newdc.contoso.local",
                    "CONTOSO", admin);
            String quoted = ScriptQuoting.powerShell("CONTOSO\\" + admin, "a");
            assertTrue(s.contains("-Credential (Get-Credential " + quoted + ")"), s);
            // every line holding the account has its quotes balanced: the value never ends the string
            for (String line : s.split("\r\n")) {
                if (line.contains("Get-Credential")) {
                    assertEquals(0, line.chars().filter(c -> c == '\'').count() % 2, line);
                    assertFalse(line.contains("' $(calc) '") && !line.contains("'' $(calc) ''"), line);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ReplicaScript.generate("contoso.local",
                "sbs2003.contoso.local", "newdc.contoso.local", "CONTOSO", "a\nb"));
    }

    @Test
    void cmdDoublesPercentSignsCaretsOutsideQuotesAndRefusesWhatItCannotCarry() {
        assertEquals("\"D:\\Shares\\100%% Sales\"", ScriptQuoting.cmd("D:\\Shares\\100% Sales", "source folder"));
        assertEquals("\"%%PATH%% ^&|<>()\"", ScriptQuoting.cmd("%PATH% ^&|<>()", "v"));
        assertEquals("Tom ^& Jerry ^(50%%^) ^^ ^| ^< ^>", ScriptQuoting.cmdUnquoted("Tom & Jerry (50%) ^ | < >", "v"));
        assertEquals("x' $(calc) '", ScriptQuoting.cmdUnquoted("x' $(calc) '", "v").replace("^", ""));
        assertTrue(ScriptQuoting.cmdUnquoted("x' $(calc) '", "v").contains("$^(calc^)"));
        for (String bad : new String[] { "a\"b", "Hi!", "a\r\nb", "a\u001bb", "a\u0085b" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ScriptQuoting.cmd(bad, "source folder"));
            assertTrue(e.getMessage().contains("source folder"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ScriptQuoting.cmdUnquoted(bad, "v"));
        }
    }
}
