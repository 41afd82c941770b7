package dev.tandem.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The long-polling envelope, byte for byte as docs/protocol.md shows it. */
class LongPollingTest {

    @Test
    void writesAnswersWithTheirFrameNumberMessagesAndClose() {
        String ack = "{\"type\":\"ack\",\"revision\":43,\"seq\":7}";
        String edit = "{\"type\":\"edit\",\"clientId\":\"p0Zx1\",\"op\":[12,\"!\",1],\"revision\":44,\"seq\":3}";
        assertEquals("{\"seq\":4,\"messages\":[" + ack + "]}", new LongPolling.Answer(4, ack, null).toJson());
        assertEquals("{\"seq\":4,\"messages\":[" + ack + "," + edit + "]}",
                new LongPolling.Answer(4, "[" + ack + "," + edit + "]", null).toJson());
        assertEquals("{\"seq\":3,\"messages\":[]}", new LongPolling.Answer(3, null, null).toJson());
        assertEquals("{\"seq\":5,\"messages\":[],\"close\":{\"code\":1000,\"reason\":\"replaced by a newer connection of the same client\"}}",
                new LongPolling.Answer(5, null, new LongPolling.Close(CloseCode.NORMAL,
                        "replaced by a newer connection of the same client")).toJson());
        assertEquals("{\"seq\":6,\"messages\":[" + ack + "],\"close\":{\"code\":1013,\"reason\":\"\"}}",
                new LongPolling.Answer(6, ack, new LongPolling.Close(CloseCode.TRY_AGAIN_LATER, null)).toJson());
        assertEquals("{\"seq\":0,\"messages\":[],\"close\":{\"code\":1008,\"reason\":\"a \\\"quoted\\\" \\\\ reason\"}}",
                LongPolling.Answer.closing(CloseCode.POLICY, "a \"quoted\" \\ reason").toJson());
    }

    @Test
    void writesTheAnswerThatStartsASession() {
        assertEquals("{\"session\":\"Hq4c0n6mDqkPZl4bVsvYzhLr\"}", new LongPolling.SessionStarted("Hq4c0n6mDqkPZl4bVsvYzhLr").toJson());
    }
}
