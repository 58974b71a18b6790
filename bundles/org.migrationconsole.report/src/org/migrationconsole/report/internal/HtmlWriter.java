package org.migrationconsole.report.internal;

import java.util.Locale;

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
 * Writes the report as one self-contained HTML file: styles inline, charts as inline SVG, the
 * system's fonts, no script and no reference to anything outside the file.
 */
public final class HtmlWriter {

    private static final String CSS = """
            :root { color-scheme: light; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #E9EEF3; color: #%1$s; font: 14px/1.5 "Segoe UI", "Helvetica Neue", Helvetica, Arial, "DejaVu Sans", sans-serif; }
            .page { max-width: 980px; margin: 24px auto; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
            header.cover { background: #%5$s; color: #fff; padding: 32px 40px 28px; }
            header.cover h1 { margin: 0 0 6px; font-size: 28px; font-weight: 600; letter-spacing: .2px; }
            header.cover p { margin: 0; opacity: .9; font-size: 15px; }
            header.cover .meta { margin-top: 14px; font-size: 12.5px; opacity: .8; }
            nav.toc { padding: 14px 40px; border-bottom: 1px solid #%3$s; background: #%4$s; font-size: 13px; }
            nav.toc a { color: #%5$s; text-decoration: none; margin-right: 18px; white-space: nowrap; }
            nav.toc a:hover { text-decoration: underline; }
            main { padding: 8px 40px 32px; }
            section { padding-top: 18px; }
            h2 { font-size: 20px; font-weight: 600; color: #%5$s; margin: 18px 0 4px; padding-bottom: 6px; border-bottom: 2px solid #%5$s; }
            h2 .num { color: #%2$s; font-weight: 400; margin-right: 8px; }
            p.lead { color: #%2$s; margin: 6px 0 14px; }
            h3 { font-size: 15px; font-weight: 600; margin: 22px 0 8px; }
            dl.facts { display: grid; grid-template-columns: 190px 1fr; gap: 6px 16px; margin: 8px 0 16px; }
            dl.facts dt { color: #%2$s; }
            dl.facts dd { margin: 0; white-space: pre-line; }
            table { width: 100%%; border-collapse: collapse; margin: 6px 0 14px; font-size: 13px; }
            th { text-align: left; background: #%4$s; color: #%2$s; font-weight: 600; padding: 7px 8px; border-bottom: 1px solid #%3$s; }
            td { padding: 7px 8px; border-bottom: 1px solid #%3$s; vertical-align: top; white-space: pre-line; overflow-wrap: anywhere; }
            td.empty { color: #%2$s; font-style: italic; }
            .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
            .callout { border-left: 5px solid; padding: 10px 14px; margin: 10px 0 16px; border-radius: 3px; }
            .callout strong { display: block; margin-bottom: 2px; }
            figure { margin: 12px 0 18px; }
            figure svg { width: 100%%; height: auto; display: block; }
            .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 32px; margin-top: 18px; }
            .signatures .role { font-weight: 600; margin-bottom: 18px; }
            .signatures .line { border-bottom: 1px solid #%1$s; height: 34px; margin-bottom: 4px; }
            .signatures .what { color: #%2$s; font-size: 12px; margin-bottom: 10px; }
            footer { padding: 14px 40px 24px; color: #%2$s; font-size: 12px; border-top: 1px solid #%3$s; }
            @media print { body { background: #fff; } .page { box-shadow: none; margin: 0; max-width: none; } nav.toc { display: none; } section { break-inside: auto; } h2, h3 { break-after: avoid; } tr, figure { break-inside: avoid; } }
            """.formatted(Palette.INK, Palette.SOFT_INK, Palette.RULE, Palette.HEADER_BG, Palette.ACCENT);

    private final StringBuilder out = new StringBuilder(64 * 1024);

    public static String write(Report report, String generatedText) {
        return new HtmlWriter().render(report, generatedText);
    }

    private String render(Report r, String generatedText) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(esc(r.title())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<div class=\"page\">\n");
        out.append("<header class=\"cover\"><h1>").append(esc(r.title())).append("</h1><p>").append(esc(r.subtitle()))
                .append("</p><div class=\"meta\">").append(esc(generatedText)).append("</div></header>\n");
        out.append("<nav class=\"toc\">");
        int n = 1;
        for (Section s : r.sections()) {
            out.append("<a href=\"#").append(s.id()).append("\">").append(n++).append(". ").append(esc(s.title()))
                    .append("</a>");
        }
        out.append("</nav>\n<main>\n");
        n = 1;
        for (Section s : r.sections()) {
            out.append("<section id=\"").append(s.id()).append("\">\n<h2><span class=\"num\">").append(n++)
                    .append("</span>").append(esc(s.title())).append("</h2>\n");
            if (s.lead() != null) {
                out.append("<p class=\"lead\">").append(esc(s.lead())).append("</p>\n");
            }
            for (Block b : s.blocks()) {
                block(b);
            }
            out.append("</section>\n");
        }
        out.append("</main>\n<footer>").append(esc(generatedText)).append(". Written by Migration Console from the "
                + "workspace's journal and check results; it contains no passwords.</footer>\n</div>\n</body>\n</html>\n");
        return out.toString();
    }

    private void block(Block b) {
        switch (b) {
            case Heading h -> out.append("<h3>").append(esc(h.text())).append("</h3>\n");
            case Paragraph p -> out.append("<p>").append(esc(p.text())).append("</p>\n");
            case Callout c -> out.append("<div class=\"callout\" style=\"border-color:#")
                    .append(Palette.strong(c.tone())).append(";background:#").append(Palette.tint(c.tone()))
                    .append("\"><strong>").append(esc(c.title())).append("</strong>").append(esc(c.text()))
                    .append("</div>\n");
            case Facts f -> {
                out.append("<dl class=\"facts\">");
                for (Fact x : f.facts()) {
                    out.append("<dt>").append(esc(x.label())).append("</dt><dd>").append(esc(x.value())).append("</dd>");
                }
                out.append("</dl>\n");
            }
            case Table t -> table(t);
            case Chart c -> chart(c);
            case Signatures s -> {
                out.append("<div class=\"signatures\">");
                for (String role : s.roles()) {
                    out.append("<div><div class=\"role\">").append(esc(role)).append("</div>");
                    for (String what : new String[] { "Name", "Signature", "Date" }) {
                        out.append("<div class=\"line\"></div><div class=\"what\">").append(what).append("</div>");
                    }
                    out.append("</div>");
                }
                out.append("</div>\n");
            }
        }
    }

    private void table(Table t) {
        int sum = t.weights().stream().mapToInt(Integer::intValue).sum();
        out.append("<table><colgroup>");
        for (int w : t.weights()) {
            out.append("<col style=\"width:").append(Math.round(w * 1000.0 / sum) / 10.0).append("%\">");
        }
        out.append("</colgroup><thead><tr>");
        for (String h : t.headers()) {
            out.append("<th>").append(esc(h)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        if (t.rows().isEmpty() && !t.empty().isEmpty()) {
            out.append("<tr><td class=\"empty\" colspan=\"").append(t.headers().size()).append("\">")
                    .append(esc(t.empty())).append("</td></tr>");
        }
        for (Row r : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < r.cells().size(); i++) {
                out.append("<td>");
                if (i == 0 && r.tone() != Tone.NEUTRAL && !r.cells().get(0).isEmpty()) {
                    out.append("<span class=\"badge\" style=\"background:#").append(Palette.strong(r.tone()))
                            .append(";color:#").append(Palette.onStrong(r.tone())).append("\">")
                            .append(esc(r.cells().get(0))).append("</span>");
                } else {
                    out.append(esc(r.cells().get(i)));
                }
                out.append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>\n");
    }

    private void chart(Chart c) {
        ChartLayout l = ChartLayout.of(c);
        out.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(f(ChartLayout.WIDTH)).append(' ').append(f(l.height)).append("\" aria-label=\"")
                .append(esc(c.title())).append("\" font-family=\"Segoe UI, Helvetica Neue, Helvetica, Arial, sans-serif\">")
                .append("<title>").append(esc(c.title())).append("</title>");
        for (ChartLayout.Shape s : l.shapes) {
            switch (s) {
                case ChartLayout.Rect r -> out.append("<rect x=\"").append(f(r.x())).append("\" y=\"").append(f(r.y()))
                        .append("\" width=\"").append(f(r.w())).append("\" height=\"").append(f(r.h()))
                        .append("\" fill=\"#").append(r.fill()).append("\"/>");
                case ChartLayout.Line ln -> out.append("<line x1=\"").append(f(ln.x1())).append("\" y1=\"")
                        .append(f(ln.y1())).append("\" x2=\"").append(f(ln.x2())).append("\" y2=\"").append(f(ln.y2()))
                        .append("\" stroke=\"#").append(ln.stroke()).append("\" stroke-width=\"").append(f(ln.width()))
                        .append("\"/>");
                case ChartLayout.Text tx -> out.append("<text x=\"").append(f(tx.x())).append("\" y=\"").append(f(tx.y()))
                        .append("\" font-size=\"").append(f(tx.size())).append("\" fill=\"#").append(tx.fill())
                        .append("\"").append(tx.bold() ? " font-weight=\"600\"" : "")
                        .append(switch (tx.anchor()) {
                            case START -> "";
                            case MIDDLE -> " text-anchor=\"middle\"";
                            case END -> " text-anchor=\"end\"";
                        }).append('>').append(esc(tx.text())).append("</text>");
            }
        }
        out.append("</svg></figure>\n");
    }

    private static String f(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
