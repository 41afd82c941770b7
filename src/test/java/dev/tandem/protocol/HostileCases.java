package dev.tandem.protocol;

import java.util.List;

/**
 * Test support: messages hostile clients send, each with the error code docs/protocol.md gives
 * for it. They are written for a document holding "hello" at revision 1, from a client whose next
 * edit is seq 2; none of them may change anything.
 */
public final class HostileCases {
    private HostileCases() {
    }

    /** One case; {@code webSocketOnly} where long polling gives the same text another meaning. */
    public record Case(String name, String message, String code, boolean webSocketOnly) {
    }

    private static final String MALFORMED = "malformed-message";
    private static final String BAD_OPERATION = "bad-operation";
    private static final String TWO_TO_THE_64 = "18446744073709551616";

    public static final List<Case> ALL = List.of(
            new Case("a retain or delete as large as the smallest long",
                    "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[-9223372036854775808,45]}", BAD_OPERATION, false),
            new Case("a retain past the ints", "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[2147483648]}",
                    BAD_OPERATION, false),
            new Case("nesting 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000), MALFORMED, false),
            new Case("nesting 10,000 deep in an operation",
                    "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[5," + "[".repeat(10_000) + "]".repeat(10_000) + "]}",
                    MALFORMED, false),
            new Case("a revision of 1,200 digits",
                    "{\"type\":\"edit\",\"revision\":" + "9".repeat(1200) + ",\"seq\":2,\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("an operation component of 1,200 digits",
                    "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[" + "9".repeat(1200) + "]}", BAD_OPERATION, false),
            new Case("null", "null", MALFORMED, false),
            new Case("an array of messages (one per frame over WebSocket)",
                    "[{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[5,\"x\"]}]", MALFORMED, true),
            new Case("an object followed by garbage",
                    "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[5,\"x\"]} garbage", MALFORMED, false),
            new Case("two objects", "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[5,\"x\"]}"
                    + "{\"type\":\"edit\",\"revision\":1,\"seq\":3,\"op\":[5,\"y\"]}", MALFORMED, false),
            new Case("a revision in quotes", "{\"type\":\"edit\",\"revision\":\"1\",\"seq\":2,\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("a revision with a fraction", "{\"type\":\"edit\",\"revision\":1.5,\"seq\":2,\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("a revision of 2^64 + 1",
                    "{\"type\":\"edit\",\"revision\":18446744073709551617,\"seq\":2,\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("no revision", "{\"type\":\"edit\",\"seq\":2,\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("a seq with a fraction", "{\"type\":\"edit\",\"revision\":1,\"seq\":2.5,\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("a seq in quotes", "{\"type\":\"edit\",\"revision\":1,\"seq\":\"2\",\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("a seq of 2^64 + 2",
                    "{\"type\":\"edit\",\"revision\":1,\"seq\":" + TWO_TO_THE_64.replace("16", "18") + ",\"op\":[5,\"x\"]}",
                    MALFORMED, false),
            new Case("a seq of 0", "{\"type\":\"edit\",\"revision\":1,\"seq\":0,\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("an anchor of 2^32 + 1",
                    "{\"type\":\"selection\",\"revision\":1,\"ranges\":[{\"anchor\":4294967297,\"head\":1}]}", MALFORMED, false),
            new Case("a range without a head", "{\"type\":\"selection\",\"revision\":1,\"ranges\":[{\"anchor\":1}]}",
                    MALFORMED, false),
            new Case("the type twice", "{\"type\":\"edit\",\"type\":\"join\",\"clientId\":\"x\",\"revision\":1,\"seq\":2,"
                    + "\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("a key twice", "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"seq\":3,\"op\":[5,\"x\"]}", MALFORMED, false),
            new Case("text holding U+0000", "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[5,\"x\\u0000\"]}",
                    BAD_OPERATION, false),
            new Case("text that ends inside a range", "{\"type\":\"selection\",\"revision\":1,\"ranges\":[{\"anchor\":{",
                    MALFORMED, false),
            new Case("text that ends inside an operation", "{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[5,[1,2",
                    MALFORMED, false),
            new Case("text that ends inside an unknown key", "{\"type\":\"leave\",\"future\":{\"a\":[1", MALFORMED, false),
            new Case("an array that ends inside its second message (one request over long polling)",
                    "[{\"type\":\"edit\",\"revision\":1,\"seq\":2,\"op\":[5,\"x\"]},{\"x\":[1,2", MALFORMED, false),
            new Case("an unknown type", "{\"type\":\"shout\"}", "unknown-type", false),
            new Case("not JSON", "{\"type\":\"edit\",", MALFORMED, false));
}
