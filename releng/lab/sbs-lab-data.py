#!/usr/bin/python3
# Shared data for the lab's source server (sbs-lab.sh up): small but realistic trees in the user-data
# shares "Company" and "Users", deterministic (seed printed), a few hundred files in all:
#   nested folders, a few larger files (2-3 MiB), non-ASCII names, one path longer than 260
#   characters, 0-byte files, modification times in 2005-2008.
# Attributes (read-only, hidden) are set by sbs-lab.sh over SMB once the DC runs; the paths are
# printed here as "attr +r PATH" / "attr +h PATH" lines (relative to a share, '/' separators).
#
#   sbs-lab-data.py SHARES_DIR [SEED]      SHARES_DIR holds Company/ and Users/
import os
import random
import sys

USERS = ["jsmith", "mjones", "akhan", "lchen", "bwilson", "pgarcia"]
CUSTOMERS = ["Müller GmbH", "Société Générale", "Ørsted Energi", "東京商事", "Łódź Tekstil", "O'Brien & Sons"]


def main():
    root = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    rnd = random.Random(seed)
    print(f"seed {seed}")
    attrs = []
    made = [0, 0]

    def when():
        # a working day between 2005 and 2008, as an SBS 2003 share would hold
        return 1104537600 + rnd.randrange(0, 4 * 365 * 86400)

    def write(share, rel, size=None, data=None):
        path = os.path.join(root, share, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if data is None:
            data = rnd.randbytes(size)
        with open(path, "wb") as f:
            f.write(data)
        t = when()
        os.utime(path, (t, t))
        made[0] += 1
        made[1] += len(data)

    def text(share, rel, line):
        body = (line + "\r\n") * rnd.randrange(1, 40)
        write(share, rel, data=body.encode("utf-8"))

    # Company: departments with years and quarters
    for year in (2006, 2007, 2008):
        for q in (1, 2, 3, 4):
            for n in range(1, 9):
                text("Company", f"Accounting/{year}/Q{q}/invoice-{year}-{q}{n:02d}.txt",
                     f"Invoice {year}-{q}{n:02d} Contoso Ltd")
    for c in CUSTOMERS:
        for doc in ("offer.doc", "contract.pdf", "notes.txt"):
            write("Company", f"Sales/Customers/{c}/{doc}", size=rnd.randrange(200, 20000))
    write("Company", "Sales/Customers/empty.txt", data=b"")                 # 0 bytes
    write("Company", "Sales/~$offer-draft.doc", data=b"")                   # a stale Word lock file, 0 bytes
    for n in range(1, 21):
        text("Company", f"HR/Policies/policy-{n:02d}.txt", f"Policy {n}")
    write("Company", "HR/Personnel/Zeugnisse für Mitarbeiter.doc", size=15000)
    write("Company", "Templates/letterhead.dot", size=48000)
    attrs.append(("Company", "+r", "Templates/letterhead.dot"))
    write("Company", "Templates/invoice.dot", size=30000)
    attrs.append(("Company", "+r", "Templates/invoice.dot"))
    write("Company", "Thumbs.db", size=4096)
    attrs.append(("Company", "+h", "Thumbs.db"))
    write("Company", "Media/company-video.wmv", size=3 * 1024 * 1024)      # the larger files
    write("Company", "Media/brochure-print.pdf", size=2 * 1024 * 1024 + 4321)
    write("Company", "Media/Präsentation 2008.ppt", size=1024 * 1024 + 17)
    # one path over 260 characters below the share (MAX_PATH on Windows): nested project folders
    deep = "Projects/2008 Customer Relationship Management System Rollout"
    for part in ("Phase 2 - Data Migration from the Legacy Order Database",
                 "Workpackage 2.3 Customer Master Data Cleansing and Deduplication",
                 "Deliverables approved by the steering committee"):
        deep += "/" + part
    write("Company", deep + "/Final report on the customer master data cleansing (signed).doc", size=9000)
    for n in range(1, 11):
        text("Company", f"Projects/2007 Office Move/plan-{n:02d}.txt", f"Office move plan {n}")
    os.makedirs(os.path.join(root, "Company", "Projects", "Empty folder"), exist_ok=True)
    # characters that mean something in URLs and in .cmd files
    write("Company", "Projects/#2 Relaunch 100% & more/Budget 50% (draft) #3.xls", size=12000)

    # Users: redirected My Documents and Desktop per user
    for u in USERS:
        for n in range(1, 13):
            write("Users", f"{u}/My Documents/document-{n:02d}.doc", size=rnd.randrange(1000, 40000))
        text("Users", f"{u}/Desktop/todo.txt", f"To do for {u}")
        write("Users", f"{u}/Desktop/desktop.ini", data=b"[.ShellClassInfo]\r\n")
        attrs.append(("Users", "+h", f"{u}/Desktop/desktop.ini"))
    write("Users", "jsmith/My Documents/Café menu – déjà vu.txt", data="Crème brûlée\r\n".encode("utf-8"))
    write("Users", "akhan/My Documents/Rechnung März.xls", size=22000)
    write("Users", "lchen/My Documents/报告/季度报告.doc", size=18000)
    write("Users", "lchen/My Documents/empty.doc", data=b"")

    for share, mode, rel in attrs:
        print(f"attr {share} {mode} {rel}")
    print(f"files {made[0]} bytes {made[1]}")


if __name__ == "__main__":
    main()
