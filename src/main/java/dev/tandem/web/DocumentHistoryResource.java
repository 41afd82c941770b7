package dev.tandem.web;

import dev.tandem.access.Access;
import dev.tandem.access.Attempts;
import dev.tandem.access.People;
import dev.tandem.collab.DocumentHistory;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.HistoryAnswer;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.store.LoggedEdit;
import dev.tandem.store.Snapshot;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/docs/{docId}/...}: a document's history, as stored (docs/protocol.md, "History"):
 * its text at any revision, and its edits with their authors and times. Read-only; documents
 * nobody has edited have revision 0, the empty text.
 */
@Path("docs/{docId}")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentHistoryResource {
    private static final MessageCodec CODEC = new MessageCodec();

    /** The most edits one request returns; page with {@code from}. */
    static final int MAX_EDITS = 1000;

    @Inject
    DocumentHistory history;

    @Inject
    Access access;

    @Inject
    People people;

    @Context
    HttpServletRequest request;

    @Inject
    Attempts attempts;

    /**
     * The document, if the caller may see it (signed in, or holding a share link in
     * {@value #LINK_HEADER}). Failed look-ups are counted per address: past a bound, the address
     * learns nothing more for a while, not even about documents it may read.
     */
    private Optional<DocumentId> readable(String docId) throws TooManyGuesses {
        String address = request.getRemoteAddr();
        if (!attempts.lookUpAllowed(address)) {
            throw new TooManyGuesses();
        }
        Optional<DocumentId> readable = DocumentId.parse(docId).filter(id ->
                access.role(id, people.of(request.getUserPrincipal()), request.getHeader(LINK_HEADER)) != null);
        if (readable.isEmpty()) {
            attempts.lookUpFailed(address);
        }
        return readable;
    }

    /** Too many failed look-ups from the caller's address. */
    private static final class TooManyGuesses extends Exception {
        private static final long serialVersionUID = 1L;

        TooManyGuesses() {
            super("too many look-ups of documents that do not exist or may not be read: try again later", null,
                    false, false);
        }
    }

    private static Response tooMany(TooManyGuesses refused) {
        return Response.status(429).header("Retry-After", "600").type(MediaType.APPLICATION_JSON)
                .entity(CODEC.encode(new HistoryAnswer.Failure(refused.getMessage()))).build();
    }

    /** The header a share link's holder sends its token in. */
    public static final String LINK_HEADER = "Tandem-Link";

    /** {@code GET /api/docs/{docId}/revisions/{revision}}: {"revision": n, "text": "..."}. */
    @GET
    @Path("revisions/{revision}")
    public Response textAt(@PathParam("docId") String docId, @PathParam("revision") long revision) {
        Optional<DocumentId> id;
        try {
            id = readable(docId);
        } catch (TooManyGuesses refused) {
            return tooMany(refused);
        }
        if (id.isEmpty()) {
            return notFound(NOT_READABLE);
        }
        Optional<Snapshot> snapshot = history.textAt(id.get(), revision);
        if (snapshot.isEmpty()) {
            return notFound("document " + docId + " has no revision " + revision);
        }
        return answer(Response.Status.OK, new HistoryAnswer.TextAt(revision, snapshot.get().text().toString()));
    }

    /**
     * {@code GET /api/docs/{docId}/edits?from=a&to=b}: the edits that made revisions a+1 to b (at
     * most 1000), each with its author's client id and sequence number, operation and time.
     */
    @GET
    @Path("edits")
    public Response edits(@PathParam("docId") String docId, @QueryParam("from") @DefaultValue("0") long from,
            @QueryParam("to") @DefaultValue("9223372036854775807") long to) {
        Optional<DocumentId> id;
        try {
            id = readable(docId);
        } catch (TooManyGuesses refused) {
            return tooMany(refused);
        }
        if (id.isEmpty()) {
            return notFound(NOT_READABLE);
        }
        if (from < 0 || to < from) {
            return answer(Response.Status.BAD_REQUEST, new HistoryAnswer.Failure("from must be at least 0 and to at least from"));
        }
        List<HistoryAnswer.Edit> edits = history.edits(id.get(), from, to, MAX_EDITS).stream()
                .map(DocumentHistoryResource::asAnswer).toList();
        return answer(Response.Status.OK, new HistoryAnswer.Edits(edits));
    }

    private static HistoryAnswer.Edit asAnswer(LoggedEdit edit) {
        return new HistoryAnswer.Edit(edit.revision(), edit.clientId(), edit.seq(), edit.op(), edit.time().toString(),
                edit.author(), edit.authorName());
    }

    /** The same whether the document does not exist or may not be read: nobody learns which ids exist. */
    private static final String NOT_READABLE = "no such document, or no access to it";

    private static Response notFound(String message) {
        return answer(Response.Status.NOT_FOUND, new HistoryAnswer.Failure(message));
    }

    private static Response answer(Response.Status status, HistoryAnswer answer) {
        Response.ResponseBuilder response = Response.status(status).entity(CODEC.encode(answer));
        return status == Response.Status.OK ? response.header("Cache-Control", "no-store").build() : response.build();
    }
}
