package com.careslot.notification.mail;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

/**
 * The body of a mail, written once and rendered twice: as plain text and as HTML. Every value is escaped in the HTML,
 * so a name or a cancellation reason can never inject markup.
 */
final class Letter {

    private record Block(String label, String text) {
    }

    private final String greeting;
    private final List<Block> blocks = new ArrayList<>();
    private String closing = "";

    Letter(String greeting) {
        this.greeting = greeting;
    }

    Letter paragraph(String text) {
        blocks.add(new Block(null, text));
        return this;
    }

    /** A labelled line, such as "When: …". */
    Letter detail(String label, String value) {
        blocks.add(new Block(label, value));
        return this;
    }

    Letter closing(String text) {
        this.closing = text;
        return this;
    }

    String text() {
        StringBuilder text = new StringBuilder(greeting).append("\n\n");
        boolean inDetails = false;
        for (Block block : blocks) {
            if (block.label() == null) {
                if (inDetails) {
                    text.append('\n');
                }
                text.append(block.text()).append("\n\n");
                inDetails = false;
            } else {
                text.append(block.label()).append(": ").append(block.text()).append('\n');
                inDetails = true;
            }
        }
        if (inDetails) {
            text.append('\n');
        }
        return text.append(closing).append('\n').toString();
    }

    String html() {
        StringBuilder html = new StringBuilder("""
                <!doctype html>
                <html><body style="font-family: sans-serif; color: #1a1a1a">
                """);
        html.append("<p>").append(escape(greeting)).append("</p>\n");
        boolean inDetails = false;
        for (Block block : blocks) {
            if (block.label() == null) {
                if (inDetails) {
                    html.append("</table>\n");
                    inDetails = false;
                }
                html.append("<p>").append(escape(block.text())).append("</p>\n");
            } else {
                if (!inDetails) {
                    html.append("<table>\n");
                    inDetails = true;
                }
                html.append("<tr><th style=\"text-align: left; padding-right: 1em\">").append(escape(block.label()))
                        .append("</th><td>").append(escape(block.text())).append("</td></tr>\n");
            }
        }
        if (inDetails) {
            html.append("</table>\n");
        }
        return html.append("<p>").append(escape(closing)).append("</p>\n</body></html>\n").toString();
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text).replace("\n", "<br>");
    }
}
