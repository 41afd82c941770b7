package dev.tandem.support.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.WireForm;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Peer;
import dev.tandem.protocol.Range;
import dev.tandem.protocol.ServerMessage;
import jakarta.json.bind.JsonbException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test client reads the server's frames as the server writes them. */
class ClientCodecTest {
    private static final MessageCodec SERVER = new MessageCodec();

    private final ClientCodec codec = new ClientCodec();

    @Test
    void readsAFrameOfOneMessageOrOfSeveral() {
        List<ServerMessage> messages = List.of(new ServerMessage.Ack(7, 43),
                new ServerMessage.Edited(44, "c-2", 3, WireForm.parse(List.of(5, "hi", -3, 10))),
                new ServerMessage.Presence("left", new Peer("c-3", "Bo", "#3d3", List.of())),
                new ServerMessage.Welcome("c-1", 44, null, true, 7L, List.of(new Peer("c-2", "Cy", "#33d", List.of())),
                        new ServerMessage.Welcome.Limits(300, 60), "editor", "Ada", "#e6194b", "s3cret"));
        assertEquals(messages, codec.decodeFrame(MessageCodec.batch(messages.stream().map(SERVER::encode).toList())));
        assertEquals(List.of(messages.get(1)), codec.decodeFrame(SERVER.encode(messages.get(1))));
    }

    @Test
    void readsAFrameWhateverItsLayout() {
        List<ServerMessage> messages = List.of(
                new ServerMessage.Edited(44, "c-2", 3, WireForm.parse(List.of(1, "😀\"}]", 2))),
                new ServerMessage.Presence("joined", new Peer("c-3", "{\"type\":\"ack\"}", "#3d3", List.of(new Range(1, 2)))),
                new ServerMessage.Ack(8, 45));
        String frame = " [ {\"clientId\":\"c-2\", \"op\":[1,\"😀\\\"}]\",2], \"revision\":44, \"seq\":3, \"type\":\"edit\"} ,\n"
                + "{\"type\":\"presence\",\"participant\":{\"type\":\"x\",\"clientId\":\"c-3\",\"name\":\"{\\\"type\\\":\\\"ack\\\"}\","
                + "\"color\":\"#3d3\",\"selection\":[{\"anchor\":1,\"head\":2}]},\"event\":\"joined\"},"
                + "{\"seq\":8,\"revision\":45,\"type\":\"ack\"} ] ";
        assertEquals(messages, codec.decodeFrame(frame));
        assertThrows(JsonbException.class, () -> codec.decodeFrame("[{\"type\":\"ack\",\"revision\":1,\"seq\":1},{\"type\":\"shout\"}]"));
        assertThrows(JsonbException.class, () -> codec.decodeFrame("{\"type\":\"ack\",\"revision\":1"));
        assertThrows(JsonbException.class, () -> codec.decodeFrame("[{\"revision\":1,\"seq\":1}]"));
        assertThrows(JsonbException.class, () -> codec.decodeFrame("[{\"type\":\"ack\",\"revision\":1,\"seq\":1},7]"));
        assertEquals(List.of(), codec.decodeFrame("[]"));
    }

    @Test
    void readsEachTextOnceForClientsThatShareWhatTheyRead() {
        Map<String, ServerMessage> alreadyRead = new HashMap<>();
        String edit = SERVER.encode(new ServerMessage.Edited(44, "c-2", 3, WireForm.parse(List.of(5, "hi", -3, 10))));
        String ack = SERVER.encode(new ServerMessage.Ack(7, 45));

        List<ServerMessage> first = codec.decodeFrame(edit, alreadyRead);
        List<ServerMessage> second = codec.decodeFrame(MessageCodec.batch(List.of(edit, ack)), alreadyRead);

        assertSame(first.get(0), second.get(0));
        assertEquals(new ServerMessage.Ack(7, 45), second.get(1));
        assertEquals(Map.of(edit, first.get(0), ack, second.get(1)), alreadyRead);
    }
}
