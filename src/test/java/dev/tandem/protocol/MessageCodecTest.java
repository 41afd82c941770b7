package dev.tandem.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.WireForm;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    private ProtocolException refusal(String json) {
        return assertThrows(ProtocolException.class, () -> codec.decode(json));
    }

    /** What a node forwards to the node that orders the document reads back as the client sent it. */
    @Test
    void writesClientMessagesAsClientsDo() throws ProtocolException {
        List<ClientMessage> messages = List.of(new ClientMessage.Join("c-1", "Ada", null, 42L, "s".repeat(16), "tok"),
                new ClientMessage.Edit(3, 7, dev.tandem.ot.TextOperation.builder().retain(2).insert("ü😀\"").delete(1).build()),
                new ClientMessage.Selection(3, List.of(new Range(1, 2))), new ClientMessage.Leave());
        for (ClientMessage message : messages) {
            assertEquals(message, codec.decode(codec.encode(message)));
        }
    }

    @Test
    void readsEveryClientMessage() throws ProtocolException {
        assertEquals(new ClientMessage.Join("c-1", "Ada", "#d33", 42L),
                codec.decode("{\"type\":\"join\",\"clientId\":\"c-1\",\"name\":\"Ada\",\"color\":\"#d33\",\"lastSeenRevision\":42}"));
        assertEquals(new ClientMessage.Join("c-1", null, null, null),
                codec.decode("{\"type\":\"join\",\"clientId\":\"c-1\"}"));
        assertEquals(new ClientMessage.Edit(42, 7, WireForm.parse(List.of(5, "hi", -3, 10))),
                codec.decode("{\"type\":\"edit\",\"revision\":42,\"seq\":7,\"op\":[5,\"hi\",-3,10]}"));
        assertEquals(new ClientMessage.Selection(42, List.of(new Range(3, 7))),
                codec.decode("{\"type\":\"selection\",\"revision\":42,\"ranges\":[{\"anchor\":3,\"head\":7}]}"));
        assertEquals(new ClientMessage.Leave(), codec.decode("{\"type\":\"leave\"}"));
    }

    @Test
    void readsTheTypeWhereverItIs() throws ProtocolException {
        ClientMessage edit = new ClientMessage.Edit(42, 7, WireForm.parse(List.of(5, "hi", -3, 10)));
        assertEquals(edit, codec.decode("{\"revision\":42,\"op\":[5,\"hi\",-3,10],\"seq\":7,\"type\":\"edit\"}"));
        assertEquals(edit, codec.decode(" { \"x\" : {\"type\":\"join\"}, \"y\":[{\"type\":\"leave\"}],"
                + " \"type\" : \"edit\", \"revision\":42, \"seq\":7, \"op\":[5,\"hi\",-3,10] } "));
        assertEquals("a message needs a \"type\" string", refusal("{\"type\":7,\"revision\":42}").getMessage());
        assertEquals("join needs a clientId of 1 to 64 letters, digits, '-' or '_'",
                refusal("{\"type\":\"join\",\"revision\":42,\"seq\":7,\"op\":[5]}").getMessage());
    }

    @Test
    void writesEveryServerMessage() {
        assertEquals("{\"type\":\"ack\",\"revision\":43,\"seq\":7}", codec.encode(new ServerMessage.Ack(7, 43)));
        assertEquals("{\"type\":\"edit\",\"clientId\":\"c-2\",\"op\":[5,\"hi\",-3,10],\"revision\":43,\"seq\":7}",
                codec.encode(new ServerMessage.Edited(43, "c-2", 7, WireForm.parse(List.of(5, "hi", -3, 10)))));
        assertEquals("{\"type\":\"error\",\"code\":\"bad-operation\",\"fatal\":false,\"message\":\"no\"}",
                codec.encode(new ServerMessage.Error("bad-operation", "no", false)));
        assertEquals("{\"type\":\"presence\",\"event\":\"joined\",\"participant\":{\"clientId\":\"c-1\",\"color\":\"#d33\","
                        + "\"name\":\"Ada\",\"selection\":[{\"anchor\":0,\"head\":2}]}}",
                codec.encode(new ServerMessage.Presence("joined", new Peer("c-1", "Ada", "#d33", List.of(new Range(0, 2))))));
        assertEquals("{\"type\":\"welcome\",\"clientId\":\"c-1\",\"participants\":[],\"resuming\":false,\"revision\":3,\"text\":\"a😀\"}",
                codec.encode(new ServerMessage.Welcome("c-1", 3, "a😀", false, null, List.of(), null, null, null, null, null)));
        assertEquals("{\"type\":\"welcome\",\"clientId\":\"c-1\",\"lastSeq\":7,\"limits\":{\"maxDocumentCodePoints\":1000000,"
                        + "\"maxMessageBytes\":65536},\"participants\":[],\"resuming\":true,\"revision\":3}",
                codec.encode(new ServerMessage.Welcome("c-1", 3, null, true, 7L, List.of(),
                        new ServerMessage.Welcome.Limits(65536, 1_000_000), null, null, null, null)));
    }

    @Test
    void explainsWhatIsWrong() {
        assertEquals(ErrorCode.MALFORMED_MESSAGE, refusal("{\"type\":").code());
        assertEquals("not valid JSON", refusal("{\"type\":").getMessage());
        assertEquals("a message must be a JSON object", refusal("[1,2]").getMessage());
        assertEquals("a message needs a \"type\" string", refusal("{\"clientId\":\"x\"}").getMessage());
        ProtocolException unknown = refusal("{\"type\":\"shout\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, unknown.code());
        assertEquals("unknown message type \"shout\"; expected one of join, edit, selection, leave, chat", unknown.getMessage());
        ProtocolException badOp = refusal("{\"type\":\"edit\",\"revision\":1,\"seq\":1,\"op\":[3,0]}");
        assertEquals(ErrorCode.BAD_OPERATION, badOp.code());
        assertEquals("operation component 1: a retain or delete cannot be zero", badOp.getMessage());
        assertEquals("operation component 0: expected a non-zero integer or a non-empty string, found an object",
                refusal("{\"type\":\"edit\",\"revision\":1,\"seq\":1,\"op\":[{}]}").getMessage());
        assertEquals("an operation must be an array",
                refusal("{\"type\":\"edit\",\"revision\":1,\"seq\":1,\"op\":5}").getMessage());
        assertEquals("an operation must be an array",
                refusal("{\"type\":\"edit\",\"op\":{\"retain\":5},\"revision\":1,\"seq\":1}").getMessage());
        assertEquals("edit needs an op", refusal("{\"type\":\"edit\",\"revision\":1,\"seq\":1}").getMessage());
        ProtocolException nul = refusal("{\"type\":\"edit\",\"revision\":1,\"seq\":1,\"op\":[1,\"a\\u0000b\"]}");
        assertEquals(ErrorCode.BAD_OPERATION, nul.code());
        assertEquals("an insert cannot hold U+0000 (NUL)", nul.getMessage());
        assertEquals("join needs a clientId of 1 to 64 letters, digits, '-' or '_'",
                refusal("{\"type\":\"join\",\"clientId\":\"<script>\"}").getMessage());
        assertEquals(ErrorCode.MALFORMED_MESSAGE, refusal("{\"type\":\"edit\",\"revision\":\"x\",\"seq\":1,\"op\":[]}").code());
    }

    @Test
    void batchesSeveralMessagesIntoOneFrame() {
        assertEquals("{\"a\":1}", MessageCodec.batch(List.of("{\"a\":1}")));
        assertEquals("[{\"a\":1},{\"b\":2}]", MessageCodec.batch(List.of("{\"a\":1}", "{\"b\":2}")));
    }

    @Test
    void splitsARequestIntoItsMessagesInOnePass() throws ProtocolException {
        String edit = "{\"type\":\"edit\",\"revision\":42,\"seq\":7,\"op\":[5,\"hi\",-3,10]}";
        String selection = "{ \"ranges\":[{\"type\":\"join\",\"anchor\":3,\"head\":7}], \"type\" : \"selection\",\"revision\":42}";
        List<String> messages = codec.split(" [" + edit + " ,\n" + selection + ", 7, [1,[2]], \"x,y\", {\"type\":\"shout\"} ] ");
        assertEquals(List.of(edit, selection, "7", "[1,[2]]", "\"x,y\"", "{\"type\":\"shout\"}"), messages);
        assertEquals(new ClientMessage.Selection(42, List.of(new Range(3, 7))), codec.decode(messages.get(1)));
        assertEquals("a message must be a JSON object", refusal(messages.get(2)).getMessage());
        assertEquals(List.of(), codec.split("[]"));
        assertEquals(List.of(edit), codec.split(edit));
        // not a well-formed array: one message, which says what is wrong
        String broken = "[" + edit + ", {\"type\":";
        assertEquals(List.of(broken), codec.split(broken));
        assertEquals("not valid JSON", refusal(broken).getMessage());
        assertEquals(List.of("[1] 2"), codec.split("[1] 2"));
    }

    @Test
    void writesHistoryAnswers() {
        assertEquals("{\"revision\":2,\"text\":\"a😀\"}", codec.encode(new HistoryAnswer.TextAt(2, "a😀")));
        assertEquals("{\"edits\":[{\"revision\":2,\"clientId\":\"k3\",\"seq\":2,\"op\":[1,\"b\"],\"time\":\"2026-11-22T02:14:31.123Z\"}]}",
                codec.encode(new HistoryAnswer.Edits(List.of(new HistoryAnswer.Edit(2, "k3", 2, WireForm.parse(List.of(1, "b")),
                        "2026-11-22T02:14:31.123Z", null, null)))));
        assertEquals("{\"error\":\"no such document id\"}", codec.encode(new HistoryAnswer.Failure("no such document id")));
    }
}
