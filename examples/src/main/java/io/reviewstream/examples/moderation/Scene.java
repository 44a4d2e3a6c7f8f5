package io.reviewstream.examples.moderation;

import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.media.Png;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * The pictures users upload in this kit, drawn with Java 2D: harmless landscapes, and scenes with what
 * Rekognition's moderation labels name (swimwear at the beach, drinks, pills, a knife, casino chips). Each scene
 * carries the label DetectModerationLabels gives it, and its top-level parent.
 */
enum Scene {

    LANDSCAPE(null, null),
    BEACH("Female Swimwear Or Underwear", "Suggestive"),
    DRINKS("Alcoholic Beverages", "Alcohol"),
    PILLS("Pills", "Drugs"),
    KNIFE("Weapons", "Violence"),
    CASINO("Gambling", "Gambling");

    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    final String label;
    final String parent;

    Scene(String label, String parent) {
        this.label = label;
        this.parent = parent;
    }

    byte[] draw(KitRandom random) {
        BufferedImage image = Png.canvas(WIDTH, HEIGHT);
        Graphics2D g = Png.pen(image);
        switch (this) {
            case LANDSCAPE -> landscape(g, random);
            case BEACH -> beach(g, random);
            case DRINKS -> drinks(g, random);
            case PILLS -> pills(g, random);
            case KNIFE -> knife(g, random);
            case CASINO -> casino(g, random);
        }
        g.dispose();
        return Png.encode(image);
    }

    private static void landscape(Graphics2D g, KitRandom random) {
        sky(g, new Color(120, 180, 235));
        g.setColor(new Color(250, 210, 80));
        g.fill(new Ellipse2D.Double(random.between(60, 520), 50, 70, 70));
        for (int m = 0; m < 3; m++) {
            int base = random.between(-100, 500);
            int peak = random.between(120, 220);
            g.setColor(new Color(90 + 20 * m, 110 + 15 * m, 130));
            g.fillPolygon(new int[]{base, base + 180, base + 360}, new int[]{360, peak, 360}, 3);
        }
        g.setColor(new Color(80, 150, 70));
        g.fillRect(0, 340, WIDTH, HEIGHT - 340);
    }

    private static void beach(Graphics2D g, KitRandom random) {
        sky(g, new Color(135, 200, 245));
        g.setColor(new Color(40, 120, 190));
        g.fillRect(0, 220, WIDTH, 90);
        g.setColor(new Color(235, 215, 160));
        g.fillRect(0, 300, WIDTH, HEIGHT - 300);
        int x = random.between(200, 420);
        Color skin = new Color(random.between(150, 240), random.between(110, 190), random.between(80, 150));
        g.setColor(skin);
        g.fill(new Ellipse2D.Double(x - 22, 160, 44, 48));
        g.fillRoundRect(x - 28, 205, 56, 130, 26, 26);
        g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(x - 26, 220, x - 60, 300);
        g.drawLine(x + 26, 220, x + 60, 300);
        g.drawLine(x - 14, 330, x - 22, 430);
        g.drawLine(x + 14, 330, x + 22, 430);
        Color suit = new Color(random.between(150, 230), 30, random.between(60, 160));
        g.setColor(suit);
        g.fillRoundRect(x - 28, 226, 56, 26, 10, 10);
        g.fillRoundRect(x - 28, 290, 56, 40, 12, 12);
    }

    private static void drinks(Graphics2D g, KitRandom random) {
        sky(g, new Color(70, 45, 40));
        g.setColor(new Color(120, 80, 50));
        g.fillRect(0, 330, WIDTH, HEIGHT - 330);
        for (int b = 0; b < random.between(2, 4); b++) {
            int x = 90 + b * 140;
            g.setColor(new Color(40, random.between(90, 140), 50));
            g.fillRoundRect(x, 170, 60, 165, 18, 18);
            g.fillRect(x + 20, 110, 20, 70);
            g.setColor(new Color(235, 225, 200));
            g.fillRect(x + 6, 230, 48, 50);
        }
        g.setColor(new Color(230, 180, 60, 200));
        g.fill(new Path2D.Double(new RoundRectangle2D.Double(520, 250, 60, 85, 10, 10)));
    }

    private static void pills(Graphics2D g, KitRandom random) {
        sky(g, new Color(225, 230, 235));
        for (int p = 0; p < random.between(8, 16); p++) {
            int x = random.between(40, 560);
            int y = random.between(40, 400);
            g.setColor(random.pick(new Color(240, 240, 240), new Color(230, 90, 80), new Color(90, 140, 230)));
            g.fill(new RoundRectangle2D.Double(x, y, 56, 24, 24, 24));
            g.setColor(new Color(120, 120, 120));
            g.draw(new RoundRectangle2D.Double(x, y, 56, 24, 24, 24));
        }
    }

    private static void knife(Graphics2D g, KitRandom random) {
        sky(g, new Color(160, 120, 80));
        int y = random.between(180, 280);
        g.setColor(new Color(200, 205, 210));
        g.fillPolygon(new int[]{140, 470, 470, 200}, new int[]{y + 10, y - 18, y + 30, y + 34}, 4);
        g.setColor(new Color(40, 30, 25));
        g.fillRoundRect(470, y - 22, 130, 56, 20, 20);
    }

    private static void casino(Graphics2D g, KitRandom random) {
        sky(g, new Color(20, 100, 50));
        for (int c = 0; c < 3; c++) {
            g.setColor(Color.WHITE);
            g.fillRoundRect(120 + c * 70, 140 + c * 10, 100, 140, 12, 12);
            g.setColor(c == 1 ? Color.BLACK : new Color(200, 30, 40));
            g.drawString(random.pick("A", "K", "Q", "J", "10"), 132 + c * 70, 170 + c * 10);
        }
        for (int chip = 0; chip < random.between(4, 8); chip++) {
            g.setColor(random.pick(new Color(200, 30, 40), new Color(30, 60, 200), Color.BLACK));
            g.fill(new Ellipse2D.Double(400 + chip * 8, 330 - chip * 14, 90, 30));
        }
    }

    private static void sky(Graphics2D g, Color color) {
        g.setColor(color);
        g.fillRect(0, 0, WIDTH, HEIGHT);
    }
}
