package dev.tandem.web;

import dev.tandem.collab.DocumentRegistry;
import dev.tandem.store.DocumentStore;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.OperationJson;
import dev.tandem.store.Snapshot;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * A document's history, as stored: its text at any revision, and its edits with their authors
 * and times. Read-only; documents nobody has edited have revision 0, the empty text.
 */
@Path("docs/{docId}")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentHistoryResource {
    /** Looked up once: {@code Json.create*} looks the provider up on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The most edits one request returns; page with {@code from}. */
    static final int MAX_EDITS = 1000;

    @Inject
    DocumentStore store;

    /** {@code GET /api/docs/{docId}/revisions/{revision}}: {"revision": n, "text": "..."}. */
    @GET
    @Path("revisions/{revision}")
    public Response textAt(@PathParam("docId") String docId, @PathParam("revision") long revision) {
        if (!DocumentRegistry.DOCUMENT_ID.matcher(docId).matches()) {
            return notFound("no such document id");
        }
        Optional<Snapshot> snapshot = store.textAt(docId, revision);
        if (snapshot.isEmpty()) {
            return notFound("document " + docId + " has no revision " + revision);
        }
        return Response.ok(JSON.createObjectBuilder().add("revision", revision)
                .add("text", snapshot.get().text().toString()).build()).header("Cache-Control", "no-store").build();
    }

    /**
     * {@code GET /api/docs/{docId}/edits?from=a&to=b}: the edits that made revisions a+1 to b (at
     * most 1000), each with its author's client id and sequence number, operation and time.
     */
    @GET
    @Path("edits")
    public Response edits(@PathParam("docId") String docId, @QueryParam("from") @DefaultValue("0") long from,
            @QueryParam("to") @DefaultValue("9223372036854775807") long to) {
        if (!DocumentRegistry.DOCUMENT_ID.matcher(docId).matches()) {
            return notFound("no such document id");
        }
        if (from < 0 || to < from) {
            return Response.status(Response.Status.BAD_REQUEST).entity(error("from must be at least 0 and to at least from"))
                    .build();
        }
        List<LoggedEdit> edits = store.edits(docId, from, to, MAX_EDITS);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (LoggedEdit edit : edits) {
            array.add(JSON.createObjectBuilder().add("revision", edit.revision()).add("clientId", edit.clientId())
                    .add("seq", edit.seq()).add("op", OperationJson.write(edit.op())).add("time", edit.time().toString()));
        }
        return Response.ok(JSON.createObjectBuilder().add("edits", array).build())
                .header("Cache-Control", "no-store").build();
    }

    private static Response notFound(String message) {
        return Response.status(Response.Status.NOT_FOUND).entity(error(message)).build();
    }

    private static JsonObject error(String message) {
        return JSON.createObjectBuilder().add("error", message).build();
    }
}
