package dev.tandem.bench;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.OperationAdapter;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.protocol.ServerMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
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
 * and a frame of twelve edits from the server, a busy client's work: the codec against JSON-B
 * choosing each message's kind itself from its {@code type}.
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
    private static final Type MESSAGES = new ArrayList<ServerMessage>() { }.getClass().getGenericSuperclass();

    private final MessageCodec codec = new MessageCodec();
    /** Configured as the codec's own. */
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withSerializers(new OperationAdapter.Writer())
            .withDeserializers(new OperationAdapter.Reader()));

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
        return codec.decodeFrame(FRAME);
    }

    @Benchmark
    public List<ServerMessage> jsonbChoosesTheKindsOfAFrame() {
        return jsonb.fromJson(FRAME, MESSAGES);
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
    }
}
