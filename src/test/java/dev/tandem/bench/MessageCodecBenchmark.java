package dev.tandem.bench;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.OperationJson;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.support.client.ClientCodec;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Reading messages: a client's edit message, the server's work for every keystroke it receives,
 * and a frame of twelve edits from the server, a busy client's work: the codecs against JSON-B
 * choosing each message's kind itself from its {@code type}. And a long-polling request of an
 * edit and a selection: its messages found and read in one pass, against the array read into a
 * tree first and each element written back to text and read again.
 *
 * <p>Run: {@code mvn test-compile exec:exec@codec}. Prints the median of every measured
 * iteration over all forks. See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class MessageCodecBenchmark {
    /** A keystroke as a browser sends it. */
    static final String EDIT = "{\"type\":\"edit\",\"revision\":140,\"seq\":15,\"op\":[112,\"n\",28]}";

    /** Twelve other people's keystrokes, batched for one recipient as the server sends them. */
    static final String FRAME = MessageCodec.batch(IntStream.range(0, 12)
            .mapToObj(i -> "{\"type\":\"edit\",\"clientId\":\"c-" + i + "\",\"op\":[" + (100 + i) + ",\"n\"," + (40 - i)
                    + "],\"revision\":" + (140 + i) + ",\"seq\":" + (15 + i) + "}")
            .toList());
    /** What a browser's long-polling client posts after a keystroke. */
    static final String BODY = "[" + EDIT + ",{\"type\":\"selection\",\"revision\":140,\"ranges\":[{\"anchor\":113,\"head\":113}]}]";
    private static final Type MESSAGES = new ArrayList<ServerMessage>() { }.getClass().getGenericSuperclass();

    private final MessageCodec codec = new MessageCodec();
    private final ClientCodec clientCodec = new ClientCodec();
    /** Configured as the codecs' own. */
    private final Jsonb jsonb = JsonbBuilder.create(OperationJson.config());

    @Benchmark
    public ClientMessage codec() throws ProtocolException {
        return codec.decode(EDIT);
    }

    @Benchmark
    public ClientMessage jsonbChoosesTheKind() {
        return jsonb.fromJson(EDIT, ClientMessage.class);
    }

    @Benchmark
    public List<ServerMessage> codecFrame() {
        return clientCodec.decodeFrame(FRAME);
    }

    @Benchmark
    public List<ServerMessage> jsonbChoosesTheKindsOfAFrame() {
        return jsonb.fromJson(FRAME, MESSAGES);
    }

    @Benchmark
    public List<ClientMessage> longPollBody() throws ProtocolException {
        List<ClientMessage> messages = new ArrayList<>(2);
        for (String message : codec.split(BODY)) {
            messages.add(codec.decode(message));
        }
        return messages;
    }

    @Benchmark
    public List<ClientMessage> longPollBodyReadTwice() throws ProtocolException {
        List<ClientMessage> messages = new ArrayList<>(2);
        try (JsonReader reader = JsonProviderHolder.PROVIDER.createReader(new StringReader(BODY))) {
            for (JsonValue element : reader.readArray()) {
                messages.add(codec.decode(element.toString()));
            }
        }
        return messages;
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MessageCodecBenchmark.class.getName() + ".").build()).run();
        Map<String, Double> nanos = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            nanos.put(name.substring(name.lastIndexOf('.') + 1), TraceBenchmark.median(result));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "message=edit codec_ns=%.0f jsonb_chooses_the_kind_ns=%.0f%n",
                nanos.get("codec"), nanos.get("jsonbChoosesTheKind"));
        System.out.printf(Locale.ROOT, "message=frame_of_12_edits codec_ns=%.0f jsonb_chooses_the_kind_ns=%.0f%n",
                nanos.get("codecFrame"), nanos.get("jsonbChoosesTheKindsOfAFrame"));
        System.out.printf(Locale.ROOT, "message=long_poll_body_of_2 codec_ns=%.0f read_as_a_tree_first_ns=%.0f%n",
                nanos.get("longPollBody"), nanos.get("longPollBodyReadTwice"));
    }
}
