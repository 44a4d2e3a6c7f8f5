package io.reviewstream.examples.documentkv;

import io.reviewstream.examples.documentkv.InvoicePage.ConfidenceSource;
import io.reviewstream.examples.documentkv.TextractBlocks.Word;
import io.reviewstream.examples.kit.Batch;
import io.reviewstream.examples.kit.GeneratedPrediction;
import io.reviewstream.examples.kit.Kit;
import io.reviewstream.examples.kit.KitRandom;
import io.reviewstream.examples.kit.ObjectLocation;
import io.reviewstream.examples.kit.StoredObject;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.awt.Color;
import java.awt.Font;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Invoices read by Textract AnalyzeDocument (FORMS): the page as a PNG, and the response with its KEY_VALUE_SET
 * pairs. The flow wants a person when the invoice number or the total was read with low confidence, or when
 * Textract did not find them as a key at all; confident invoices, and doubts about the other fields, pass.
 */
public final class DocumentKeyValueKit implements Kit {

    private static final Font PRINT = new Font(Font.SANS_SERIF, Font.PLAIN, 19);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 19);
    private static final Color INK = new Color(30, 30, 30);
    private static final List<String> INVOICE_NUMBER_KEYS = List.of("Invoice Number:", "Invoice No.:", "Invoice #:");
    private static final List<String> TOTAL_KEYS = List.of("Total Due:", "Amount Due:", "Balance Due:");
    private static final List<String> VENDORS = List.of("Northwind Office Supply", "Harbor Freight Logistics",
            "Bluebird Printing Co.", "Summit Facility Services", "Cedar Lane Catering");
    private static final List<String> CUSTOMERS = List.of("Contoso Ltd.", "Fabrikam Inc.", "Tailspin Toys",
            "Wide World Importers", "Adventure Works");
    private static final List<String> ITEMS = List.of("Toner cartridge", "A4 paper, 5 reams", "Desk lamp",
            "Freight, pallet", "Printing, 500 flyers", "Lunch buffet, 20 people", "Window cleaning", "USB-C dock");

    /** What a generated invoice was made to show. */
    private enum Scenario {
        CLEAR, DOUBTFUL_INVOICE_NUMBER, DOUBTFUL_TOTAL, TOTAL_NOT_FOUND
    }

    @Override
    public String name() {
        return "document-key-value";
    }

    @Override
    public String flowDefinitionName() {
        return "invoice-review";
    }

    @Override
    public Batch generate(KitRandom random, int count, ObjectLocation objects) {
        List<GeneratedPrediction> predictions = new ArrayList<>();
        List<StoredObject> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double draw = random.raw().nextDouble();
            Scenario scenario = draw < 0.5 ? Scenario.CLEAR : draw < 0.7 ? Scenario.DOUBTFUL_INVOICE_NUMBER
                    : draw < 0.85 ? Scenario.DOUBTFUL_TOTAL : Scenario.TOTAL_NOT_FOUND;
            String id = random.id("invoice");
            String name = "invoices/" + id + ".png";
            Invoice invoice = invoice(random, scenario);
            stored.add(new StoredObject(objects.bucket(), objects.key(name), "image/png", invoice.png()));

            ObjectNode input = JsonNodeFactory.instance.objectNode();
            ObjectNode request = input.putObject("aiServiceRequest");
            request.putObject("document").putObject("s3Object").put("bucket", objects.bucket())
                    .put("name", objects.key(name));
            request.putArray("featureTypes").add("FORMS");
            input.set("aiServiceResponse", invoice.response());
            predictions.add(new GeneratedPrediction(id, input, scenario != Scenario.CLEAR));
        }
        return new Batch(predictions, stored);
    }

    private record Invoice(byte[] png, ObjectNode response) {
    }

    private static Invoice invoice(KitRandom random, Scenario scenario) {
        InvoicePage page = new InvoicePage();
        TextractBlocks blocks = new TextractBlocks(random);
        ConfidenceSource printed = () -> random.between(97.0, 99.95, 3);
        int margin = InvoicePage.margin();

        String vendor = random.pick(VENDORS);
        blocks.line(page.text(vendor, margin, new Font(Font.SANS_SERIF, Font.BOLD, 28), new Color(40, 70, 140),
                printed));
        page.nextLine(30);
        blocks.line(page.text(random.between(10, 990) + " Market Street, Springfield", margin, PRINT, INK, printed));
        page.nextLine(70);
        blocks.line(page.text("INVOICE", margin, new Font(Font.SANS_SERIF, Font.BOLD, 34), INK, printed));
        page.nextLine(60);

        String number = "INV-" + random.between(2024, 2026) + "-" + random.between(10000, 99999);
        field(page, blocks, random, random.pick(INVOICE_NUMBER_KEYS), number,
                scenario == Scenario.DOUBTFUL_INVOICE_NUMBER, true);
        LocalDate date = LocalDate.of(2026, random.between(1, 11), random.between(1, 28));
        field(page, blocks, random, "Invoice Date:", date.toString(), false, true);
        // the purchase order number is often handwritten and doubtful, but nobody needs to check it
        field(page, blocks, random, "PO Number:", "PO-" + random.between(1000, 9999), random.chance(0.4), true);
        field(page, blocks, random, "Bill To:", random.pick(CUSTOMERS), false, true);
        page.nextLine(20);
        page.rule();

        int cents = 0;
        for (int item = random.between(2, 4); item > 0; item--) {
            int quantity = random.between(1, 12);
            int price = random.between(500, 25000);
            cents += quantity * price;
            blocks.line(page.text(quantity + " x " + random.pick(ITEMS), margin, PRINT, INK, printed));
            blocks.line(page.text(money(quantity * price), InvoicePage.WIDTH - 220, PRINT, INK, printed));
            page.nextLine(34);
        }
        page.nextLine(20);
        page.rule();
        int tax = Math.round(cents * 0.08f);
        field(page, blocks, random, "Subtotal:", money(cents), false, true);
        field(page, blocks, random, "Tax (8%):", money(tax), false, true);
        field(page, blocks, random, random.pick(TOTAL_KEYS), money(cents + tax), scenario == Scenario.DOUBTFUL_TOTAL,
                scenario != Scenario.TOTAL_NOT_FOUND);
        page.nextLine(60);
        blocks.line(page.text("Payment within 30 days. Thank you for your business.", margin, PRINT, INK, printed));
        return new Invoice(page.png(), blocks.response());
    }

    /**
     * A printed key with its value: a doubtful value is handwritten with a low-confidence word and a low pair
     * confidence, and a pair that Textract did not find leaves the words on the page without a KEY_VALUE_SET.
     */
    private static void field(InvoicePage page, TextractBlocks blocks, KitRandom random, String key, String value,
                              boolean doubtful, boolean detectedAsPair) {
        ConfidenceSource printed = () -> random.between(97.0, 99.95, 3);
        List<Word> keyWords = page.text(key, InvoicePage.margin(), BOLD, INK, printed);
        List<Word> valueWords;
        if (doubtful) {
            double[] weakest = {random.between(38.0, 72.0, 3)};
            ConfidenceSource shaky = () -> {
                double next = weakest[0] > 0 ? weakest[0] : random.between(80.0, 96.0, 3);
                weakest[0] = 0;
                return next;
            };
            valueWords = page.handwriting(value, Math.max(InvoicePage.after(keyWords), 300), shaky);
        } else {
            valueWords = page.text(value, Math.max(InvoicePage.after(keyWords), 300), PRINT, INK, printed);
        }
        List<Word> all = new ArrayList<>(keyWords);
        all.addAll(valueWords);
        List<String> ids = blocks.line(all);
        if (detectedAsPair) {
            double confidence = doubtful ? random.between(42.0, 74.0, 3) : random.between(90.0, 99.0, 3);
            blocks.keyValue(keyWords, ids.subList(0, keyWords.size()), valueWords,
                    ids.subList(keyWords.size(), ids.size()), confidence);
        }
        page.nextLine(40);
    }

    private static String money(int cents) {
        return String.format(Locale.ROOT, "$%,d.%02d", cents / 100, cents % 100);
    }
}
