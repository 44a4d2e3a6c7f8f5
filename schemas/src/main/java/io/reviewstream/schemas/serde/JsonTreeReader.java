package io.reviewstream.schemas.serde;

import tools.jackson.core.io.NumberInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a JSON object into the same tree as {@link ObjectMapper#readTree}, in about two thirds of its time.
 * Parsing a prediction was a third of the router's work, and most of that was Jackson's tokenizer (its symbol
 * table for names, per-token state), not the nodes; a prediction of a few hundred ASCII bytes needs none of that
 * generality.
 *
 * <p>Only the plainest JSON is read here: one object, ASCII text, the short escapes, numbers that fit a long or a
 * double, no repeated property name, nesting and lengths far below the mapper's limits. Anything else, a syntax
 * error included, is read by the mapper, so results and error messages stay the mapper's.
 */
final class JsonTreeReader {

    /** Well below the mapper's own limits, which it enforces on what it reads instead. */
    private static final int MAX_DEPTH = 100;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_STRING_LENGTH = 1 << 16;
    /** Digits a long always holds. */
    private static final int MAX_LONG_DIGITS = 18;
    /** Property names up to this length are shared through {@link #names}. */
    private static final int MAX_SHARED_LENGTH = 32;
    /** Powers of ten a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes;
    /**
     * Recently read property names by a hash of their bytes, shared by every thread: a String is immutable and
     * safely published, so a lost race costs only a new String. Reusing one saves its copy and the hash code a
     * tree's map computes for every name. Values are not shared: ids and texts rarely repeat, and writing every
     * one here would keep two threads' caches invalidating each other.
     */
    private final Shared[] names = new Shared[1024];

    JsonTreeReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.nodes = mapper.deserializationConfig().getNodeFactory();
    }

    /** As {@code mapper.readTree(data)}. */
    JsonNode read(byte[] data) {
        JsonNode tree = plain(data);
        return tree != null ? tree : mapper.readTree(data);
    }

    /** The tree of a document this reader reads itself, or null for one it leaves to the mapper. */
    JsonNode plain(byte[] data) {
        return new Cursor(data, nodes, names).document();
    }

    /** As {@code mapper.readTree(text)}. */
    JsonNode read(String text) {
        // non-ASCII text becomes bytes the cursor leaves to the mapper
        JsonNode tree = plain(text.getBytes(StandardCharsets.UTF_8));
        return tree != null ? tree : mapper.readTree(text);
    }

    /** A shared string and its bytes, in one immutable object so that a thread never sees one without the other. */
    private record Shared(byte[] bytes, String text) {
    }

    /** One pass over one document; every method returns null where the mapper has to read the document. */
    private static final class Cursor {

        private final byte[] in;
        private final JsonNodeFactory nodes;
        private final Shared[] names;
        private int pos;

        Cursor(byte[] in, JsonNodeFactory nodes, Shared[] names) {
            this.in = in;
            this.nodes = nodes;
            this.names = names;
        }

        JsonNode document() {
            skipWhitespace();
            if (pos >= in.length || in[pos] != '{') {
                return null;
            }
            JsonNode root = object(1);
            if (root == null) {
                return null;
            }
            skipWhitespace();
            return pos == in.length ? root : null;
        }

        private JsonNode value(int depth) {
            if (pos >= in.length) {
                return null;
            }
            return switch (in[pos]) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> {
                    String text = string(false);
                    yield text == null ? null : nodes.textNode(text);
                }
                case 't' -> literal("true") ? nodes.booleanNode(true) : null;
                case 'f' -> literal("false") ? nodes.booleanNode(false) : null;
                case 'n' -> literal("null") ? nodes.nullNode() : null;
                default -> number();
            };
        }

        private ObjectNode object(int depth) {
            if (depth > MAX_DEPTH) {
                return null;
            }
            pos++;
            ObjectNode object = nodes.objectNode();
            skipWhitespace();
            if (pos < in.length && in[pos] == '}') {
                pos++;
                return object;
            }
            while (true) {
                skipWhitespace();
                if (pos >= in.length || in[pos] != '"') {
                    return null;
                }
                String name = string(true);
                skipWhitespace();
                if (name == null || pos >= in.length || in[pos] != ':') {
                    return null;
                }
                pos++;
                skipWhitespace();
                JsonNode child = value(depth);
                // a repeated name: the mapper decides which value counts
                if (child == null || object.replace(name, child) != null) {
                    return null;
                }
                skipWhitespace();
                if (pos >= in.length) {
                    return null;
                }
                byte next = in[pos++];
                if (next == '}') {
                    return object;
                }
                if (next != ',') {
                    return null;
                }
            }
        }

        private ArrayNode array(int depth) {
            if (depth > MAX_DEPTH) {
                return null;
            }
            pos++;
            ArrayNode array = nodes.arrayNode();
            skipWhitespace();
            if (pos < in.length && in[pos] == ']') {
                pos++;
                return array;
            }
            while (true) {
                skipWhitespace();
                JsonNode child = value(depth);
                if (child == null) {
                    return null;
                }
                array.add(child);
                skipWhitespace();
                if (pos >= in.length) {
                    return null;
                }
                byte next = in[pos++];
                if (next == ']') {
                    return array;
                }
                if (next != ',') {
                    return null;
                }
            }
        }

        /** The string starting at the quote under the cursor; a property name when {@code name}. */
        private String string(boolean name) {
            byte[] in = this.in;
            int start = pos + 1;
            int end = Math.min(in.length, start + MAX_STRING_LENGTH);
            int hash = 0;
            for (int i = start; i < end; i++) {
                byte b = in[i];
                if (b == '"') {
                    pos = i + 1;
                    // ASCII only, so each byte is its character
                    return name ? shared(start, i - start, hash)
                            : new String(in, start, i - start, StandardCharsets.ISO_8859_1);
                }
                if (b == '\\') {
                    pos = i;
                    return escapedString(start);
                }
                // a control character (an error) or a byte of a multi-byte character (negative as a byte)
                if (b < 0x20) {
                    return null;
                }
                hash = 31 * hash + b;
            }
            return null;
        }

        /** The ASCII name of {@code length} bytes at {@code start}, shared when short. */
        private String shared(int start, int length, int hash) {
            if (length > MAX_SHARED_LENGTH) {
                return new String(in, start, length, StandardCharsets.ISO_8859_1);
            }
            int slot = (hash ^ hash >>> 10 ^ length) & (names.length - 1);
            Shared known = names[slot];
            if (known != null && known.bytes.length == length) {
                byte[] bytes = known.bytes;
                int i = 0;
                while (i < length && bytes[i] == in[start + i]) {
                    i++;
                }
                if (i == length) {
                    return known.text;
                }
            }
            String text = new String(in, start, length, StandardCharsets.ISO_8859_1);
            names[slot] = new Shared(Arrays.copyOfRange(in, start, start + length), text);
            return text;
        }

        private String escapedString(int start) {
            StringBuilder text = new StringBuilder(pos - start + 16);
            text.append(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
            while (pos < in.length && text.length() <= MAX_STRING_LENGTH) {
                byte b = in[pos++];
                if (b == '"') {
                    return text.toString();
                }
                if (b < 0x20) {
                    return null;
                }
                if (b != '\\') {
                    text.append((char) b);
                    continue;
                }
                if (pos >= in.length) {
                    return null;
                }
                switch (in[pos++]) {
                    case '"' -> text.append('"');
                    case '\\' -> text.append('\\');
                    case '/' -> text.append('/');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        int c = hex4();
                        // surrogates, paired or not, are left to the mapper
                        if (c < 0 || Character.isSurrogate((char) c)) {
                            return null;
                        }
                        text.append((char) c);
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return null;
        }

        private int hex4() {
            if (pos + 4 > in.length) {
                return -1;
            }
            int c = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(in[pos++], 16);
                if (digit < 0) {
                    return -1;
                }
                c = c << 4 | digit;
            }
            return c;
        }

        private boolean literal(String word) {
            if (pos + word.length() > in.length) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (in[pos + i] != word.charAt(i)) {
                    return false;
                }
            }
            pos += word.length();
            // "truex" and the like fail at the delimiter the container expects next
            return true;
        }

        /** A number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
        private JsonNode number() {
            int start = pos;
            if (in[pos] == '-') {
                pos++;
            }
            int digitsStart = pos;
            if (pos < in.length && in[pos] == '0') {
                pos++;
            } else if (!skipDigits()) {
                return null;
            }
            int integerDigits = pos - digitsStart;
            boolean integral = true;
            int fractionStart = 0;
            boolean exponent = false;
            if (pos < in.length && in[pos] == '.') {
                integral = false;
                pos++;
                fractionStart = pos;
                if (!skipDigits()) {
                    return null;
                }
            }
            if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
                integral = false;
                exponent = true;
                pos++;
                if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                    pos++;
                }
                if (!skipDigits()) {
                    return null;
                }
            }
            if (pos - start > MAX_NUMBER_LENGTH) {
                return null;
            }
            if (!integral) {
                return nodes.numberNode(decimal(start, fractionStart, exponent));
            }
            if (integerDigits > MAX_LONG_DIGITS) {
                return null;
            }
            long value = digits(digitsStart, pos);
            if (in[start] == '-') {
                value = -value;
            }
            // the mapper makes an int of what fits one and a long of the rest
            return value == (int) value ? nodes.numberNode((int) value) : nodes.numberNode(value);
        }

        /**
         * The double the mapper reads by default for a JSON float: correctly rounded. With at most 15 digits and no
         * exponent, the digits and the power of ten are exact doubles and one division rounds correctly (Clinger's
         * fast path); other numbers go through the parser's own routine.
         */
        private double decimal(int start, int fractionStart, boolean exponent) {
            int end = pos;
            int digitsStart = in[start] == '-' ? start + 1 : start;
            int fractionDigits = end - fractionStart;
            if (!exponent && fractionStart > 0 && end - digitsStart - 1 <= 15) {
                double value = (double) (digits(digitsStart, fractionStart - 1) * longPower(fractionDigits)
                        + digits(fractionStart, end)) / POWERS_OF_TEN[fractionDigits];
                return in[start] == '-' ? -value : value;
            }
            return NumberInput.parseDouble(new String(in, start, end - start, StandardCharsets.ISO_8859_1), true);
        }

        private static long longPower(int exponent) {
            long power = 1;
            for (int i = 0; i < exponent; i++) {
                power *= 10;
            }
            return power;
        }

        /** The value of the decimal digits from {@code from} to {@code to}: at most 18, so it cannot overflow. */
        private long digits(int from, int to) {
            long value = 0;
            for (int i = from; i < to; i++) {
                value = value * 10 + (in[i] - '0');
            }
            return value;
        }

        private boolean skipDigits() {
            byte[] in = this.in;
            int start = pos;
            int i = start;
            while (i < in.length && in[i] >= '0' && in[i] <= '9') {
                i++;
            }
            pos = i;
            return i > start;
        }

        private void skipWhitespace() {
            byte[] in = this.in;
            int i = pos;
            while (i < in.length) {
                byte b = in[i];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    break;
                }
                i++;
            }
            pos = i;
        }
    }
}
