package org.migrationconsole.report.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.migrationconsole.report.Block;
import org.migrationconsole.report.Block.Callout;
import org.migrationconsole.report.Block.Chart;
import org.migrationconsole.report.Block.Fact;
import org.migrationconsole.report.Block.Facts;
import org.migrationconsole.report.Block.Heading;
import org.migrationconsole.report.Block.Paragraph;
import org.migrationconsole.report.Block.Row;
import org.migrationconsole.report.Block.Signatures;
import org.migrationconsole.report.Block.Table;
import org.migrationconsole.report.Report;
import org.migrationconsole.report.Section;
import org.migrationconsole.report.Tone;

/**
 * Writes the report as a PDF (A4) with PDFBox: the same sections, tables and charts as the
 * HTML, laid out here (text wrapped with the font's metrics, table headers repeated on each
 * page, charts drawn as vector graphics from {@link ChartLayout}), bookmarks per section and a
 * footer with page numbers. The text is set in DejaVu Sans (regular, bold, oblique; shipped in
 * this bundle's {@code fonts/}, Bitstream Vera licence), embedded as subsets, so the PDF shows
 * the same on every reader and covers Latin, Greek, Cyrillic and the usual symbols; characters
 * the font has no glyph for are replaced by '?'.
 */
public final class PdfWriter {

    private static final float PAGE_W = PDRectangle.A4.getWidth();
    private static final float PAGE_H = PDRectangle.A4.getHeight();
    private static final float MARGIN = 48;
    private static final float TOP = 54;
    private static final float BOTTOM = 60;
    private static final float W = PAGE_W - 2 * MARGIN;
    private static final float BODY = 9.5f;
    private static final float SMALL = 8.5f;
    private static final float PAD = 4.5f;

    private final PDDocument doc = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private final PDFont italic;
    private final Map<PDFont, Map<Integer, Boolean>> encodable = new HashMap<>();
    private PDPage page;
    private PDPageContentStream cs;
    private float y;

    private PdfWriter() throws IOException {
        regular = font("DejaVuSans.ttf");
        bold = font("DejaVuSans-Bold.ttf");
        italic = font("DejaVuSans-Oblique.ttf");
    }

    /** A TrueType font of this bundle's fonts/ folder, embedded as a subset of the glyphs used. */
    private PDFont font(String file) throws IOException {
        try (InputStream in = PdfWriter.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IOException("the font fonts/" + file + " is missing from the report bundle");
            }
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in));
            // no glyph substitution: PDFBox would set "fi"/"fl" as ligatures, which then copy and
            // search as U+FB01/U+FB02 instead of the letters
            ttf.setEnableGsub(false);
            return PDType0Font.load(doc, ttf, true);
        }
    }

    public static void write(Report report, String generatedText, OutputStream out) throws IOException {
        PdfWriter w = new PdfWriter();
        try (PDDocument d = w.doc) {
            w.render(report, generatedText);
            d.save(out);
        }
    }

    private void render(Report r, String generatedText) throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(clean(r.title()));
        info.setSubject(clean(r.subtitle()));
        info.setCreator("Migration Console");
        Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        cal.setTimeInMillis(r.generatedAt().toEpochMilli());
        info.setCreationDate(cal);
        PDDocumentOutline outline = new PDDocumentOutline();
        doc.getDocumentCatalog().setDocumentOutline(outline);

        newPage();
        // cover band, as tall as the title, subtitle and the generated line need
        List<String> titleLines = wrap(r.title(), bold, 21, W);
        List<String> subtitleLines = wrap(r.subtitle(), regular, 11, W);
        float generatedAt = Math.max(46 + 25 * titleLines.size() + 14 * subtitleLines.size() + 2, 104);
        float band = Math.max(118, generatedAt + 14);
        fill(Palette.ACCENT, 0, 0, PAGE_W, band);
        y = 46;
        for (String line : titleLines) {
            text(line, MARGIN, y, bold, 21, "FFFFFF");
            y += 25;
        }
        for (String line : subtitleLines) {
            text(line, MARGIN, y, regular, 11, "FFFFFF");
            y += 14;
        }
        text(generatedText, MARGIN, generatedAt, regular, SMALL, "D9E8F0");
        y = band + 22;

        int n = 1;
        for (Section s : r.sections()) {
            if (y > PAGE_H - BOTTOM - 110) {
                newPage();
            }
            PDOutlineItem item = new PDOutlineItem();
            item.setTitle(n + ". " + clean(s.title()));
            item.setDestination(page);
            outline.addLast(item);
            y += 10;
            text(String.valueOf(n), MARGIN, y + 12, regular, 15, Palette.SOFT_INK);
            text(s.title(), MARGIN + 20, y + 12, bold, 15, Palette.ACCENT);
            y += 18;
            line(MARGIN, y, MARGIN + W, y, Palette.ACCENT, 1.4f);
            y += 6;
            if (s.lead() != null) {
                paragraph(s.lead(), italic, BODY, Palette.SOFT_INK);
            }
            List<Block> blocks = s.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                // a heading stays on the page of the table it introduces (its header and first row)
                if (blocks.get(i) instanceof Heading && i + 1 < blocks.size() && blocks.get(i + 1) instanceof Table t) {
                    ensure(30 + tableStart(t));
                }
                block(blocks.get(i));
            }
            n++;
        }
        cs.close();
        footers(r.title());
    }

    private void footers(String title) throws IOException {
        int total = doc.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            PDPage p = doc.getPage(i);
            try (PDPageContentStream f = new PDPageContentStream(doc, p, PDPageContentStream.AppendMode.APPEND, true,
                    true)) {
                PDPageContentStream keep = cs;
                cs = f;
                line(MARGIN, PAGE_H - BOTTOM + 22, MARGIN + W, PAGE_H - BOTTOM + 22, Palette.RULE, 0.6f);
                text(title, MARGIN, PAGE_H - BOTTOM + 34, regular, 7.5f, Palette.SOFT_INK);
                String pg = "Page " + (i + 1) + " of " + total;
                text(pg, MARGIN + W - width(pg, regular, 7.5f), PAGE_H - BOTTOM + 34, regular, 7.5f, Palette.SOFT_INK);
                cs = keep;
            }
        }
    }

    private void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = TOP;
    }

    private void ensure(float h) throws IOException {
        if (y + h > PAGE_H - BOTTOM) {
            newPage();
        }
    }

    private void block(Block b) throws IOException {
        switch (b) {
            case Heading h -> {
                ensure(60);
                y += 12;
                text(h.text(), MARGIN, y + 10, bold, 11.5f, Palette.INK);
                y += 18;
            }
            case Paragraph p -> paragraph(p.text(), regular, BODY, Palette.INK);
            case Callout c -> callout(c);
            case Facts f -> facts(f);
            case Table t -> table(t);
            case Chart c -> chart(c);
            case Signatures s -> signatures(s);
        }
    }

    private void paragraph(String text, PDFont font, float size, String color) throws IOException {
        float lead = size * 1.4f;
        for (String l : wrap(text, font, size, W)) {
            ensure(lead);
            text(l, MARGIN, y + size, font, size, color);
            y += lead;
        }
        y += 6;
    }

    private void callout(Callout c) throws IOException {
        List<String> title = wrap(c.title(), bold, BODY, W - 24);
        List<String> body = wrap(c.text(), regular, BODY, W - 24);
        float lead = BODY * 1.4f;
        float h = (title.size() + body.size()) * lead + 14;
        ensure(h + 8);
        y += 4;
        fill(Palette.tint(c.tone()), MARGIN, y, W, h);
        fill(Palette.strong(c.tone()), MARGIN, y, 4, h);
        float ty = y + 7;
        for (String l : title) {
            text(l, MARGIN + 14, ty + BODY, bold, BODY, Palette.INK);
            ty += lead;
        }
        for (String l : body) {
            text(l, MARGIN + 14, ty + BODY, regular, BODY, Palette.INK);
            ty += lead;
        }
        y += h + 10;
    }

    private void facts(Facts f) throws IOException {
        float labelW = 130;
        float lead = BODY * 1.4f;
        for (Fact x : f.facts()) {
            List<String> label = wrap(x.label(), regular, BODY, labelW - 10);
            List<String> value = wrap(x.value(), regular, BODY, W - labelW);
            for (int i = 0; i < Math.max(label.size(), value.size()); i++) {
                ensure(lead);
                if (i < label.size()) {
                    text(label.get(i), MARGIN, y + BODY, regular, BODY, Palette.SOFT_INK);
                }
                if (i < value.size()) {
                    text(value.get(i), MARGIN + labelW, y + BODY, regular, BODY, Palette.INK);
                }
                y += lead;
            }
            y += 2;
        }
        y += 8;
    }

    private void table(Table t) throws IOException {
        int sum = t.weights().stream().mapToInt(Integer::intValue).sum();
        float[] cw = new float[t.headers().size()];
        for (int i = 0; i < cw.length; i++) {
            cw[i] = W * t.weights().get(i) / sum;
        }
        float lead = SMALL * 1.35f;
        List<List<String>> header = new ArrayList<>();
        for (int i = 0; i < cw.length; i++) {
            header.add(wrap(t.headers().get(i), bold, SMALL, cw[i] - 2 * PAD));
        }
        float headerH = maxLines(header) * lead + 2 * PAD;
        ensure(tableStart(t));
        drawHeader(header, cw, headerH);
        if (t.rows().isEmpty() && !t.empty().isEmpty()) {
            List<String> l = wrap(t.empty(), italic, SMALL, W - 2 * PAD);
            float h = l.size() * lead + 2 * PAD;
            for (int i = 0; i < l.size(); i++) {
                text(l.get(i), MARGIN + PAD, y + PAD + SMALL + i * lead, italic, SMALL, Palette.SOFT_INK);
            }
            y += h;
            line(MARGIN, y, MARGIN + W, y, Palette.RULE, 0.6f);
        }
        float maxRow = PAGE_H - BOTTOM - TOP - headerH - 4;
        for (Row r : t.rows()) {
            List<List<String>> cells = new ArrayList<>();
            boolean badge = r.tone() != Tone.NEUTRAL && !r.cells().get(0).isEmpty();
            for (int i = 0; i < cw.length; i++) {
                PDFont font = i == 0 && badge ? bold : regular;
                float cellW = cw[i] - 2 * PAD - (i == 0 && badge ? 8 : 0);
                cells.add(wrap(r.cells().get(i), font, i == 0 && badge ? SMALL - 0.5f : SMALL, cellW));
            }
            int maxLines = (int) ((maxRow - 2 * PAD) / lead);
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).size() > maxLines) {
                    List<String> cut = new ArrayList<>(cells.get(i).subList(0, maxLines - 1));
                    cut.add("…");
                    cells.set(i, cut);
                }
            }
            float h = maxLines(cells) * lead + 2 * PAD;
            if (y + h > PAGE_H - BOTTOM) {
                newPage();
                drawHeader(header, cw, headerH);
            }
            float x = MARGIN;
            for (int i = 0; i < cw.length; i++) {
                List<String> lines = cells.get(i);
                if (i == 0 && badge) {
                    float bw = 0;
                    for (String l : lines) {
                        bw = Math.max(bw, width(l, bold, SMALL - 0.5f));
                    }
                    fill(Palette.strong(r.tone()), x + PAD, y + PAD - 1.5f, bw + 8, lines.size() * lead + 2);
                    for (int k = 0; k < lines.size(); k++) {
                        text(lines.get(k), x + PAD + 4, y + PAD + SMALL - 0.5f + k * lead, bold, SMALL - 0.5f,
                                Palette.onStrong(r.tone()));
                    }
                } else {
                    for (int k = 0; k < lines.size(); k++) {
                        text(lines.get(k), x + PAD, y + PAD + SMALL + k * lead, regular, SMALL, Palette.INK);
                    }
                }
                x += cw[i];
            }
            y += h;
            line(MARGIN, y, MARGIN + W, y, Palette.RULE, 0.6f);
        }
        y += 12;
    }

    /** The height of a table's header and its first row (at most a page): what must fit where it starts. */
    private float tableStart(Table t) throws IOException {
        int sum = t.weights().stream().mapToInt(Integer::intValue).sum();
        float lead = SMALL * 1.35f;
        int headerLines = 1;
        int rowLines = 1;
        for (int i = 0; i < t.headers().size(); i++) {
            float cw = W * t.weights().get(i) / sum;
            headerLines = Math.max(headerLines, wrap(t.headers().get(i), bold, SMALL, cw - 2 * PAD).size());
            if (!t.rows().isEmpty()) {
                rowLines = Math.max(rowLines, wrap(t.rows().get(0).cells().get(i), regular, SMALL,
                        cw - 2 * PAD - (i == 0 ? 8 : 0)).size());
            }
        }
        float h = headerLines * lead + 2 * PAD + rowLines * lead + 2 * PAD;
        return Math.min(h, PAGE_H - BOTTOM - TOP - 4);
    }

    private void drawHeader(List<List<String>> header, float[] cw, float h) throws IOException {
        fill(Palette.HEADER_BG, MARGIN, y, W, h);
        float x = MARGIN;
        float lead = SMALL * 1.35f;
        for (int i = 0; i < cw.length; i++) {
            List<String> l = header.get(i);
            for (int k = 0; k < l.size(); k++) {
                text(l.get(k), x + PAD, y + PAD + SMALL + k * lead, bold, SMALL, Palette.SOFT_INK);
            }
            x += cw[i];
        }
        y += h;
        line(MARGIN, y, MARGIN + W, y, Palette.RULE, 0.8f);
    }

    private static int maxLines(List<List<String>> cells) {
        int m = 1;
        for (List<String> c : cells) {
            m = Math.max(m, c.size());
        }
        return m;
    }

    private void chart(Chart c) throws IOException {
        ChartLayout l = ChartLayout.of(c);
        float s = (float) (W / ChartLayout.WIDTH);
        float h = (float) l.height * s;
        ensure(h + 16);
        y += 6;
        float top = y;
        for (ChartLayout.Shape shape : l.shapes) {
            switch (shape) {
                case ChartLayout.Rect r -> fill(r.fill(), MARGIN + (float) r.x() * s, top + (float) r.y() * s,
                        (float) r.w() * s, (float) r.h() * s);
                case ChartLayout.Line ln -> line(MARGIN + (float) ln.x1() * s, top + (float) ln.y1() * s,
                        MARGIN + (float) ln.x2() * s, top + (float) ln.y2() * s, ln.stroke(), (float) ln.width() * s);
                case ChartLayout.Text tx -> {
                    PDFont font = tx.bold() ? bold : regular;
                    float size = (float) tx.size() * s;
                    float tw = width(tx.text(), font, size);
                    float x = MARGIN + (float) tx.x() * s - switch (tx.anchor()) {
                        case START -> 0;
                        case MIDDLE -> tw / 2;
                        case END -> tw;
                    };
                    text(tx.text(), x, top + (float) tx.y() * s, font, size, tx.fill());
                }
            }
        }
        y += h + 12;
    }

    private void signatures(Signatures s) throws IOException {
        ensure(150);
        y += 10;
        float colW = (W - 30) / 2;
        float top = y;
        for (int i = 0; i < s.roles().size(); i++) {
            float x = MARGIN + (i % 2) * (colW + 30);
            if (i % 2 == 0 && i > 0) {
                top = y;
                ensure(150);
                top = y;
            }
            float yy = top;
            text(s.roles().get(i), x, yy + 11, bold, 11, Palette.INK);
            yy += 22;
            for (String what : new String[] { "Name", "Signature", "Date" }) {
                yy += 26;
                line(x, yy, x + colW, yy, Palette.INK, 0.7f);
                text(what, x, yy + 10, regular, SMALL, Palette.SOFT_INK);
                yy += 12;
            }
            if (i % 2 == 1 || i == s.roles().size() - 1) {
                y = yy + 10;
            }
        }
    }

    // ---------------------------------------------------------------- drawing

    private void text(String s, float x, float baseline, PDFont font, float size, String color) throws IOException {
        String c = clean(s, font);
        if (c.isEmpty()) {
            return;
        }
        float[] rgb = Palette.rgb(color);
        cs.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, PAGE_H - baseline);
        cs.showText(c);
        cs.endText();
    }

    private void fill(String color, float x, float top, float w, float h) throws IOException {
        float[] rgb = Palette.rgb(color);
        cs.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.addRect(x, PAGE_H - top - h, w, h);
        cs.fill();
    }

    private void line(float x1, float y1, float x2, float y2, String color, float width) throws IOException {
        float[] rgb = Palette.rgb(color);
        cs.setStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.setLineWidth(width);
        cs.moveTo(x1, PAGE_H - y1);
        cs.lineTo(x2, PAGE_H - y2);
        cs.stroke();
    }

    private float width(String s, PDFont font, float size) throws IOException {
        return font.getStringWidth(clean(s, font)) / 1000f * size;
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace("→", "->").replace('\t', ' ');
    }

    /** The text with what the font cannot encode replaced (arrows spelled out, others '?'). */
    private String clean(String s, PDFont font) {
        String in = clean(s);
        StringBuilder b = new StringBuilder(in.length());
        Map<Integer, Boolean> known = encodable.computeIfAbsent(font, f -> new HashMap<>());
        in.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
                b.append(' ');
                return;
            }
            boolean ok = known.computeIfAbsent(cp, k -> {
                try {
                    font.encode(new String(Character.toChars(k)));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
            if (ok) {
                b.appendCodePoint(cp);
            } else {
                b.append('?');
            }
        });
        return b.toString();
    }

    /** Greedy word wrap with the font's metrics; words longer than a line are broken. */
    List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            out.add("");
            return out;
        }
        for (String para : clean(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(candidate, font, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                String w = word;
                while (width(w, font, size) > width && w.length() > 1) {
                    int cut = w.length() - 1;
                    while (cut > 1 && width(w.substring(0, cut), font, size) > width) {
                        cut--;
                    }
                    out.add(w.substring(0, cut));
                    w = w.substring(cut);
                }
                line.append(w);
            }
            out.add(line.toString());
        }
        return out;
    }
}
