package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The test vectors the browser client's OT (webapp/js/ot, tested by src/test/js) must agree with:
 * applications, compositions, transformations, caret moves and refusals. This test checks that the
 * Java algebra gives every recorded result; {@link #main} writes the file anew.
 */
class SharedVectorsTest {
    static final Path FILE = Path.of("src/test/resources/ot-vectors.json");

    @Test
    @SuppressWarnings("unchecked")
    void theJavaAlgebraGivesEveryRecordedResult() throws Exception {
        Map<String, List<Map<String, Object>>> vectors;
        try (Jsonb jsonb = JsonbBuilder.create()) {
            vectors = jsonb.fromJson(Files.readString(FILE), Map.class);
        }
        for (Map<String, Object> v : vectors.get("apply")) {
            assertEquals(v.get("result"), op(v.get("op")).apply((String) v.get("text")), v.toString());
        }
        for (Map<String, Object> v : vectors.get("compose")) {
            assertEquals(wire(v.get("result")), WireForm.format(op(v.get("a")).compose(op(v.get("b")))), v.toString());
        }
        for (Map<String, Object> v : vectors.get("transform")) {
            TransformedPair pair = TextOperation.transform(op(v.get("a")), op(v.get("b")));
            assertEquals(wire(v.get("aPrime")), WireForm.format(pair.aPrime()), v.toString());
            assertEquals(wire(v.get("bPrime")), WireForm.format(pair.bPrime()), v.toString());
        }
        for (Map<String, Object> v : vectors.get("transformPosition")) {
            int moved = op(v.get("op")).transformPosition(
                    ((Number) v.get("position")).intValue(), (Boolean) v.get("afterInsertsHere"));
            assertEquals(((Number) v.get("result")).intValue(), moved, v.toString());
        }
        for (Map<String, Object> v : vectors.get("malformed")) {
            assertThrows(MalformedOperationException.class, () -> WireForm.parse((List<?>) v.get("op")), v.toString());
        }
        vectors.values().forEach(list -> assertEquals(true, list.size() >= 8));
    }

    private static TextOperation op(Object wire) {
        return WireForm.parse((List<?>) wire);
    }

    /** A wire form as read from JSON, its numbers (BigDecimal there) as the ints the formatter gives. */
    private static List<Object> wire(Object json) {
        return ((List<?>) json).stream().map(item -> item instanceof Number n ? (Object) n.intValue() : item).toList();
    }

    /** Writes the vectors anew: run with the test class path from the project directory (seeded: same file each time). */
    public static void main(String[] args) throws Exception {
        Random random = new Random(20261122);
        Map<String, List<Map<String, Object>>> vectors = new LinkedHashMap<>();
        List<Map<String, Object>> apply = new ArrayList<>();
        List<Map<String, Object>> compose = new ArrayList<>();
        List<Map<String, Object>> transform = new ArrayList<>();
        List<Map<String, Object>> positions = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String text = text(random, 12);
            int length = RandomEdits.length(text);
            TextOperation a = RandomEdits.realize(plan(random), length);
            TextOperation b = RandomEdits.realize(plan(random), length);
            TextOperation next = RandomEdits.realize(plan(random), a.targetLength());
            apply.add(entry("text", text, "op", WireForm.format(a), "result", a.apply(text)));
            compose.add(entry("a", WireForm.format(a), "b", WireForm.format(next),
                    "result", WireForm.format(a.compose(next))));
            TransformedPair pair = TextOperation.transform(a, b);
            transform.add(entry("a", WireForm.format(a), "b", WireForm.format(b),
                    "aPrime", WireForm.format(pair.aPrime()), "bPrime", WireForm.format(pair.bPrime())));
            int position = random.nextInt(length + 1);
            boolean after = random.nextBoolean();
            positions.add(entry("op", WireForm.format(a), "position", position, "afterInsertsHere", after,
                    "result", a.transformPosition(position, after)));
        }
        vectors.put("apply", apply);
        vectors.put("compose", compose);
        vectors.put("transform", transform);
        vectors.put("transformPosition", positions);
        List<Map<String, Object>> malformed = new ArrayList<>();
        for (List<Object> bad : List.<List<Object>>of(List.of(0), List.of(""), List.of(1.5), List.of(true),
                List.of(List.of(1)), List.of("\uD83D"), List.of("a\uDE00b"), List.of(3, 2147483647),
                List.of(-2147483647, "x", -2))) {
            malformed.add(entry("op", bad));
        }
        vectors.put("malformed", malformed);
        try (Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(false))) {
            String json = jsonb.toJson(vectors).replace("},{", "},\n{");
            Files.writeString(FILE, escapeLoneSurrogates(json) + "\n", StandardCharsets.UTF_8);
        }
    }

    /** JSON can carry a lone surrogate only as an escape; UTF-8 cannot carry it at all. */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String text(Random random, int maxPieces) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(maxPieces + 1); n > 0; n--) {
            text.append(RandomEdits.PIECES.get(random.nextInt(RandomEdits.PIECES.size())));
        }
        return text.toString();
    }

    private static List<RandomEdits.Step> plan(Random random) {
        List<RandomEdits.Step> plan = new ArrayList<>();
        for (int n = random.nextInt(8); n > 0; n--) {
            String insert = text(random, 3);
            plan.add(new RandomEdits.Step(RandomEdits.Kind.values()[random.nextInt(3)], 1 + random.nextInt(6),
                    insert.isEmpty() ? "z" : insert));
        }
        return plan;
    }

    private static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entry.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return entry;
    }
}
