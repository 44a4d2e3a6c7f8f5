package io.reviewstream.examples.documentkv;

import io.reviewstream.examples.documentkv.TextractBlocks.Word;
import io.reviewstream.examples.media.Png;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws an invoice page and records where every word landed, so that the Textract blocks of the prediction point
 * at the words the reviewer sees on the image.
 */
final class InvoicePage {

    static final int WIDTH = 850;
    static final int HEIGHT = 1100;
    private static final int MARGIN = 70;

    private final BufferedImage image = Png.canvas(WIDTH, HEIGHT);
    private final Graphics2D g = Png.pen(image);
    private int baseline = 90;

    InvoicePage() {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(40, 70, 140));
        g.fillRect(0, 0, WIDTH, 12);
    }

    /** A line of printed text at the left margin (or at {@code x}), returning its words. */
    List<Word> text(String text, int x, Font font, Color color, ConfidenceSource confidence) {
        return draw(text, x, font, color, confidence, false);
    }

    /** Handwritten words, as filled in by hand on a printed form. */
    List<Word> handwriting(String text, int x, ConfidenceSource confidence) {
        return draw(text, x, new Font(Font.SERIF, Font.ITALIC, 22), new Color(20, 40, 160), confidence, true);
    }

    /** The x where a value starts after the given key words. */
    static int after(List<Word> key) {
        Word last = key.get(key.size() - 1);
        return (int) Math.round((last.left() + last.width()) * WIDTH) + 14;
    }

    void nextLine(int gap) {
        baseline += gap;
    }

    void rule() {
        g.setColor(new Color(200, 200, 200));
        g.drawLine(MARGIN, baseline - 20, WIDTH - MARGIN, baseline - 20);
    }

    static int margin() {
        return MARGIN;
    }

    byte[] png() {
        g.dispose();
        return Png.encode(image);
    }

    private List<Word> draw(String text, int x, Font font, Color color, ConfidenceSource confidence,
                            boolean handwriting) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics metrics = g.getFontMetrics();
        List<Word> words = new ArrayList<>();
        int left = x;
        for (String word : text.split(" ")) {
            int width = metrics.stringWidth(word);
            g.drawString(word, left, baseline);
            int top = baseline - metrics.getAscent();
            words.add(new Word(word, (double) left / WIDTH, (double) top / HEIGHT, (double) width / WIDTH,
                    (double) (metrics.getAscent() + metrics.getDescent()) / HEIGHT, confidence.next(), handwriting));
            left += width + metrics.stringWidth(" ");
        }
        return words;
    }

    /** The confidence Textract reports for each next word. */
    @FunctionalInterface
    interface ConfidenceSource {
        double next();
    }
}
