#!/usr/bin/env python3
"""Draws the console's command and view icons (16x16 and @2x 32x32 PNG) into
bundles/org.migrationconsole.ui/icons/. Our own drawings, from simple shapes, so they carry no
third-party licence; run again after changing a shape: python3 releng/scripts/make-icons.py"""
import math
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "bundles", "org.migrationconsole.ui", "icons")

BLUE = (21, 101, 192)
GREEN = (46, 125, 50)
RED = (198, 40, 40)
AMBER = (224, 134, 0)
GREY = (96, 110, 122)
DARK = (38, 50, 56)
PAPER = (255, 255, 255)
TEAL = (11, 79, 108)


# ---------------------------------------------------------------- shapes (coordinates in a 16x16 box)

def circle(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def ring(cx, cy, r, w):
    return lambda x, y: (r - w / 2) ** 2 <= (x - cx) ** 2 + (y - cy) ** 2 <= (r + w / 2) ** 2


def rect(x0, y0, x1, y1):
    return lambda x, y: x0 <= x <= x1 and y0 <= y <= y1


def frame(x0, y0, x1, y1, w):
    inner = rect(x0 + w, y0 + w, x1 - w, y1 - w)
    outer = rect(x0, y0, x1, y1)
    return lambda x, y: outer(x, y) and not inner(x, y)


def seg(x0, y0, x1, y1, w):
    def f(x, y):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
        px, py = x0 + t * dx, y0 + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= (w / 2) ** 2
    return f


def poly(*pts):
    def f(x, y):
        inside = False
        n = len(pts)
        for i in range(n):
            (ax, ay), (bx, by) = pts[i], pts[(i + 1) % n]
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
        return inside
    return f


def arc(cx, cy, r, w, a0, a1):
    """A ring from angle a0 to a1 (degrees, counter-clockwise from 3 o'clock, y up)."""
    band = ring(cx, cy, r, w)

    def f(x, y):
        if not band(x, y):
            return False
        a = math.degrees(math.atan2(cy - y, x - cx)) % 360
        lo, hi = a0 % 360, a1 % 360
        return lo <= a <= hi if lo <= hi else a >= lo or a <= hi
    return f


def doc(x0=3, y0=1.5, x1=13, y1=14.5, fold=3.5):
    """A sheet of paper with a folded corner: (outline, paper)."""
    body = poly((x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1))
    inner = poly((x0 + 1, y0 + 1), (x1 - fold - 0.4, y0 + 1), (x1 - 1, y0 + fold + 0.4), (x1 - 1, y1 - 1),
                 (x0 + 1, y1 - 1))
    return [(body, GREY), (inner, PAPER), (poly((x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold)), GREY)]


# ---------------------------------------------------------------- the icons: layers of (shape, colour)

ICONS = {
    # task commands
    "start": [(poly((4, 2.5), (13.5, 8), (4, 13.5)), BLUE)],
    "complete": [(seg(2.5, 8.5, 6.2, 12.2, 2.6), GREEN), (seg(6.2, 12.2, 13.8, 3.8, 2.6), GREEN)],
    "skip": [(poly((1.5, 3), (8, 8), (1.5, 13)), GREY), (poly((7.5, 3), (14, 8), (7.5, 13)), GREY)],
    "fail": [(circle(8, 8, 7), RED), (seg(5, 5, 11, 11, 2), PAPER), (seg(11, 5, 5, 11, 2), PAPER)],
    "reset": [(arc(8, 8.5, 5, 2, 150, 400), BLUE), (poly((0.8, 4.5), (6.5, 4.2), (3.2, 9.6)), BLUE)],
    "note": doc() + [(seg(5, 7, 11, 7, 1.2), GREY), (seg(5, 9.5, 11, 9.5, 1.2), GREY), (seg(5, 12, 9, 12, 1.2), GREY)],
    "edit": [(seg(3.5, 12.5, 12, 4, 3.2), AMBER), (seg(11, 5, 13, 3, 3.2), RED),
             (poly((1.5, 14.5), (2.4, 10.8), (5.2, 13.6)), DARK)],
    "checks": [(ring(6.5, 6.5, 4.5, 2), BLUE), (circle(6.5, 6.5, 3.5), (227, 242, 253)),
               (seg(10, 10, 14.5, 14.5, 2.8), DARK)],
    "artifact": doc() + [(seg(5, 8, 11, 8, 1.2), BLUE), (seg(5, 10.5, 11, 10.5, 1.2), BLUE)],
    # window commands
    "save": [(rect(2, 2, 14, 14), BLUE), (rect(4.5, 2, 11.5, 6.5), PAPER), (rect(9, 3, 10.5, 5.5), BLUE),
             (rect(4, 9, 12, 14), PAPER), (seg(5.5, 11, 10.5, 11, 1), GREY)],
    "profile": [(rect(1.5, 2, 6.5, 14), GREY), (rect(2.5, 3, 5.5, 13), (236, 239, 241)),
                (seg(3, 5, 5, 5, 1), GREY), (seg(3, 7, 5, 7, 1), GREY),
                (rect(9.5, 2, 14.5, 14), TEAL), (rect(10.5, 3, 13.5, 13), (224, 242, 241)),
                (seg(11, 5, 13, 5, 1), TEAL), (seg(11, 7, 13, 7, 1), TEAL), (seg(6.5, 10.5, 9.5, 10.5, 1.4), DARK)],
    "findings": [(circle(3.5, 4, 1.8), RED), (circle(3.5, 8, 1.8), AMBER), (circle(3.5, 12, 1.8), GREEN),
                 (seg(7, 4, 14, 4, 1.4), GREY), (seg(7, 8, 14, 8, 1.4), GREY), (seg(7, 12, 14, 12, 1.4), GREY)],
    "report": doc() + [(rect(5, 9, 6.6, 12.5), BLUE), (rect(7.4, 6.5, 9, 12.5), GREEN), (rect(9.8, 8, 11, 12.5), AMBER)],
    "quit": [(arc(8, 8.5, 5.5, 2, 120, 420), DARK), (seg(8, 1.5, 8, 8, 2), DARK)],
    "install": [(rect(1.5, 11, 14.5, 14.5), GREY), (rect(3, 11, 13, 13), (236, 239, 241)),
                (seg(8, 1.5, 8, 8.5, 2.4), GREEN), (poly((3.8, 6), (12.2, 6), (8, 11)), GREEN)],
    "update": [(arc(8, 8, 5.5, 2, 20, 170), GREEN), (arc(8, 8, 5.5, 2, 200, 350), GREEN),
               (poly((0.6, 7.5), (5.2, 7.5), (2.9, 10.8)), GREEN), (poly((10.8, 8.5), (15.4, 8.5), (13.1, 5.2)), GREEN)],
    "about": [(circle(8, 8, 7), BLUE), (circle(8, 4.6, 1.3), PAPER), (rect(7, 7, 9, 12.5), PAPER)],
    # views
    "dashboard": [(rect(2, 9, 4.6, 14), BLUE), (rect(6.7, 4, 9.3, 14), GREEN), (rect(11.4, 7, 14, 14), AMBER),
                  (seg(1, 14.5, 15, 14.5, 1), GREY)],
    "journal": [(rect(2.5, 1.5, 13.5, 14.5), TEAL), (rect(5, 2.5, 12.5, 13.5), PAPER),
                (seg(6.5, 5, 11, 5, 1.1), GREY), (seg(6.5, 7.5, 11, 7.5, 1.1), GREY),
                (seg(6.5, 10, 11, 10, 1.1), GREY)],
    "steps": [(circle(3.5, 4, 1.8), GREEN), (circle(3.5, 8, 1.8), BLUE), (ring(3.5, 12, 1.5, 1), GREY),
              (seg(7, 4, 14, 4, 1.4), DARK), (seg(7, 8, 14, 8, 1.4), DARK), (seg(7, 12, 14, 12, 1.4), GREY)],
    "progress": [(frame(1, 5, 15, 11, 1), GREY), (rect(2.5, 6.5, 10, 9.5), GREEN)],
    # a server (grey) with a change arrow that turns back (blue): server changes, undoable
    "changes": [(rect(1.5, 2, 8.5, 14), GREY), (seg(3, 5, 7, 5, 1.1), PAPER), (seg(3, 8, 7, 8, 1.1), PAPER),
                (arc(11, 9, 3.6, 1.8, 150, 400), BLUE), (poly((6.6, 6.4), (10.4, 6.2), (8.2, 9.8)), BLUE)],
    "editor": doc() + [(seg(5, 7, 11, 7, 1.2), GREY), (seg(5, 9.5, 11, 9.5, 1.2), GREY),
                       (seg(5.5, 13, 12, 6.5, 2), AMBER)],
}


def render(layers, size):
    n = 4  # 4x4 samples a pixel
    scale = 16.0 / size
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(n):
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) * scale
                    y = (py + (sy + 0.5) / n) * scale
                    colour = None
                    for shape, c in layers:
                        if shape(x, y):
                            colour = c
                    if colour is not None:
                        acc[0] += colour[0]
                        acc[1] += colour[1]
                        acc[2] += colour[2]
                        acc[3] += 1
            if acc[3] == 0:
                row += bytes((0, 0, 0, 0))
            else:
                row += bytes((round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]),
                              round(255 * acc[3] / (n * n))))
        rows.append(row)
    return rows


def png(rows, size):
    raw = b"".join(b"\x00" + bytes(r) for r in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, layers in ICONS.items():
        for size, suffix in ((16, ""), (32, "@2x")):
            with open(os.path.join(OUT, name + suffix + ".png"), "wb") as f:
                f.write(png(render(layers, size), size))
    print(len(ICONS), "icons in", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
