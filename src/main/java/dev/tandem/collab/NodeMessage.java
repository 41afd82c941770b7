package dev.tandem.collab;

import dev.tandem.access.Admission;
import dev.tandem.access.Person;
import dev.tandem.access.Role;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.JsonProviderHolder;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What nodes tell each other about documents, as JSON objects (docs/architecture.md, "Many
 * nodes"). A node that serves a participant of a document another node orders forwards the
 * participant's join, edits, selections and departure ({@code p} is the participant's number on
 * that node); the ordering node sends back what the participant is to hear, and when its
 * connection is to end. Client messages travel as the client wrote them (the protocol's JSON),
 * server messages as they will be sent.
 */
record NodeMessage(JsonObject json) {
    static final String JOIN = "join";
    static final String EDIT = "edit";
    static final String SELECT = "select";
    static final String CHAT = "chat";
    static final String LEAVE = "leave";
    /** Messages for participants: {@code out: [{to: [p...], m: text}]}. */
    static final String OUT = "out";
    /** A participant's connection ends: {@code code}, {@code why}; {@code finish}: after what was sent to it. */
    static final String END = "end";
    /** Someone's access to a document changed: every node looks again at its own participants. */
    static final String RECONSIDER = "reconsider";
    static final String RECONSIDER_PERSON = "reconsider-person";

    String kind() {
        return json.getString("t");
    }

    String document() {
        return json.getString("doc");
    }

    long participant() {
        return json.getJsonNumber("p").longValue();
    }

    /** The client message of a join, edit or selection. */
    String clientMessage() {
        return json.getString("m");
    }

    /** Several messages for one node in one text, the {@code number}th text to that node. */
    static String numbered(long number, List<JsonObject> messages) {
        JsonArrayBuilder array = JsonProviderHolder.PROVIDER.createArrayBuilder();
        messages.forEach(array::add);
        return JsonProviderHolder.PROVIDER.createObjectBuilder().add("n", number).add("all", array).build().toString();
    }

    /** A text of no messages that says how many texts were sent to its receiver: {@code upTo}. */
    static String tail(long upTo) {
        return JsonProviderHolder.PROVIDER.createObjectBuilder().add("n", 0).add("upTo", upTo)
                .add("all", JsonProviderHolder.PROVIDER.createArrayBuilder()).build().toString();
    }

    /**
     * A text as {@link #numbered} or {@link #tail} wrote it; {@code upTo} is 0 but in a tail.
     */
    record Numbered(long number, long upTo, List<NodeMessage> messages) {
        static Numbered parse(String text) {
            try (var reader = JsonProviderHolder.PROVIDER.createReader(new StringReader(text))) {
                JsonObject json = reader.readObject();
                return new Numbered(json.getJsonNumber("n").longValue(),
                        json.containsKey("upTo") ? json.getJsonNumber("upTo").longValue() : 0,
                        json.getJsonArray("all").getValuesAs(JsonObject.class).stream().map(NodeMessage::new).toList());
            }
        }
    }

    private static JsonObjectBuilder about(String kind, String document, long participant) {
        return JsonProviderHolder.PROVIDER.createObjectBuilder().add("t", kind).add("doc", document).add("p", participant);
    }

    static JsonObject join(String document, long participant, String join, Person person, Admission admission) {
        JsonObjectBuilder admitted = JsonProviderHolder.PROVIDER.createObjectBuilder()
                .add("role", admission.role().wire()).add("name", admission.name()).add("color", admission.color());
        optional(admitted, "secret", admission.clientSecret());
        if (admission.until() != null) {
            admitted.add("until", admission.until().toEpochMilli());
        }
        return about(JOIN, document, participant).add("m", join).add("person", person(person)).add("admission", admitted)
                .build();
    }

    /** An edit, selection or leave of a participant. */
    static JsonObject of(String kind, String document, long participant, String clientMessage) {
        JsonObjectBuilder builder = about(kind, document, participant);
        if (clientMessage != null) {
            builder.add("m", clientMessage);
        }
        return builder.build();
    }

    static JsonObject out(String document, List<Long> to, String message) {
        JsonArrayBuilder participants = JsonProviderHolder.PROVIDER.createArrayBuilder();
        to.forEach(participants::add);
        return JsonProviderHolder.PROVIDER.createObjectBuilder().add("t", OUT).add("doc", document)
                .add("to", participants).add("m", message).build();
    }

    static JsonObject end(String document, long participant, CloseCode code, String why, boolean finish) {
        return about(END, document, participant).add("code", code.name()).add("why", why).add("finish", finish).build();
    }

    static JsonObject reconsider(String document) {
        return JsonProviderHolder.PROVIDER.createObjectBuilder().add("t", RECONSIDER).add("doc", document).build();
    }

    /** {@code now}: who the person is now, or null if their account is gone. */
    static JsonObject reconsider(String username, Person now) {
        JsonObjectBuilder builder = JsonProviderHolder.PROVIDER.createObjectBuilder().add("t", RECONSIDER_PERSON)
                .add("user", username);
        if (now != null) {
            builder.add("person", person(now));
        }
        return builder.build();
    }

    List<Long> to() {
        return json.getJsonArray("to").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .map(jakarta.json.JsonNumber::longValue).toList();
    }

    CloseCode code() {
        return CloseCode.valueOf(json.getString("code"));
    }

    String why() {
        return json.getString("why");
    }

    boolean finish() {
        return json.getBoolean("finish");
    }

    String user() {
        return json.getString("user");
    }

    /** The person a join or a reconsideration names; null if none. */
    Person person() {
        JsonObject person = json.getJsonObject("person");
        if (person == null) {
            return null;
        }
        Set<String> groups = new HashSet<>();
        for (JsonValue group : person.getJsonArray("groups")) {
            groups.add(((JsonString) group).getString());
        }
        return new Person(person.getString("id", null), person.getString("name", null), groups);
    }

    Admission admission() {
        JsonObject admitted = json.getJsonObject("admission");
        Instant until = admitted.containsKey("until") ? Instant.ofEpochMilli(admitted.getJsonNumber("until").longValue()) : null;
        return new Admission(Role.fromWire(admitted.getString("role")), admitted.getString("name"),
                admitted.getString("color"), admitted.getString("secret", null), until);
    }

    private static JsonObjectBuilder person(Person person) {
        JsonArrayBuilder groups = JsonProviderHolder.PROVIDER.createArrayBuilder();
        person.groups().forEach(groups::add);
        JsonObjectBuilder builder = JsonProviderHolder.PROVIDER.createObjectBuilder().add("groups", groups);
        optional(builder, "id", person.id());
        optional(builder, "name", person.name());
        return builder;
    }

    private static void optional(JsonObjectBuilder builder, String name, String value) {
        if (value != null) {
            builder.add(name, value);
        }
    }
}
