package dev.neurona.viz;

import java.util.List;
import java.util.Map;

/** A small HTML writer: escaped text, raw markup, sections and two-column tables. */
final class Html {

    static final String STYLE = """
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0;background:#f6f7f9;color:#222}
            main{max-width:1100px;margin:0 auto;padding:24px}
            h1{font-size:26px;margin:0 0 16px}
            section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 20px;margin:0 0 18px}
            h2{font-size:18px;margin:4px 0 12px}
            table{border-collapse:collapse}
            th,td{text-align:left;padding:4px 16px 4px 0;border-bottom:1px solid #eee}
            td.num{font-variant-numeric:tabular-nums}
            table.settings th[scope=row]{font-weight:normal;color:#555;vertical-align:top;white-space:nowrap}
            table.settings td{overflow-wrap:anywhere}
            p.note{color:#555;font-size:14px;margin:8px 0 0}
            pre{font-family:"DejaVu Sans Mono",monospace;font-size:13px;overflow-x:auto}
            figure{margin:0}
            figure svg{max-width:100%;height:auto}
            figcaption{color:#555;font-size:14px;margin-top:6px}
            footer{color:#888;font-size:12px}
            """;

    private final StringBuilder sb = new StringBuilder();

    Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    Html text(String text) {
        sb.append(escape(text));
        return this;
    }

    Html section(String heading) {
        return raw("<section>\n<h2>").text(heading).raw("</h2>\n");
    }

    Html end() {
        return raw("</section>\n");
    }

    Html table(String keyHeader, String valueHeader, Map<String, ?> rows) {
        raw("<table>\n<tr><th>").text(keyHeader).raw("</th><th>").text(valueHeader).raw("</th></tr>\n");
        rows.forEach((k, v) -> raw("<tr><td>").text(k).raw("</td><td class=\"num\">").text(String.valueOf(v))
                .raw("</td></tr>\n"));
        return raw("</table>\n");
    }

    /** A two-column table of settings; a setting of several lines spans as many rows, its key once. */
    Html settings(String keyHeader, String valueHeader, List<ConfigRows.Row> rows) {
        raw("<table class=\"settings\">\n<tr><th>").text(keyHeader).raw("</th><th>").text(valueHeader).raw("</th></tr>\n");
        for (ConfigRows.Row row : rows) {
            List<String> lines = row.lines();
            int span = Math.max(1, lines.size());
            raw("<tr><th scope=\"row\"").raw(span > 1 ? " rowspan=\"" + span + "\"" : "").raw(">").text(row.key())
                    .raw("</th><td>").text(lines.isEmpty() ? "" : lines.get(0)).raw("</td></tr>\n");
            for (int i = 1; i < lines.size(); i++) {
                raw("<tr><td>").text(lines.get(i)).raw("</td></tr>\n");
            }
        }
        return raw("</table>\n");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
