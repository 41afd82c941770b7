package dev.tandem.web;

import dev.tandem.access.Access;
import dev.tandem.access.Attempts;
import dev.tandem.access.People;
import dev.tandem.access.Person;
import dev.tandem.access.Sharing;
import dev.tandem.collab.DocumentCatalog;
import dev.tandem.collab.DocumentHistory;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.HistoryAnswer;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.store.LoggedEdit;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /api/docs/{docId}} and below: one document (docs/protocol.md, "Documents" and
 * "History"): what it is (title, last change, the caller's role), its title, deleting and
 * restoring it, its text to download, and its history as stored: its text at any revision, and its
 * edits with their authors and times (documents nobody has edited have revision 0, the empty text).
 * A document that does not exist and one the caller may not open get the same answer.
 */
@Path("docs/{docId}")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {
    private static final MessageCodec CODEC = new MessageCodec();

    /** The most edits one request returns; page with {@code from}. */
    static final int MAX_EDITS = 1000;

    @Inject
    DocumentHistory history;

    @Inject
    DocumentCatalog catalog;

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

    /** {@code answer} for the document, if the caller may read it; else 404, or 429 past the failed look-ups allowed. */
    private Response ifReadable(String docId, Function<DocumentId, Response> answer) {
        Optional<DocumentId> id;
        try {
            id = readable(docId);
        } catch (TooManyGuesses refused) {
            return tooMany(refused);
        }
        return id.map(answer).orElseGet(() -> notFound(NOT_READABLE));
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
        return ifReadable(docId, id -> history.textAt(id, revision)
                .map(snapshot -> answer(Response.Status.OK, new HistoryAnswer.TextAt(revision, snapshot.text().toString())))
                .orElseGet(() -> notFound("document " + docId + " has no revision " + revision)));
    }

    /**
     * {@code GET /api/docs/{docId}/edits?from=a&to=b}: the edits that made revisions a+1 to b (at
     * most 1000), each with its author's client id and sequence number, operation and time.
     */
    @GET
    @Path("edits")
    public Response edits(@PathParam("docId") String docId, @QueryParam("from") @DefaultValue("0") long from,
            @QueryParam("to") @DefaultValue("9223372036854775807") long to) {
        return ifReadable(docId, id -> {
            if (from < 0 || to < from) {
                return answer(Response.Status.BAD_REQUEST, new HistoryAnswer.Failure("from must be at least 0 and to at least from"));
            }
            List<HistoryAnswer.Edit> edits = history.edits(id, from, to, MAX_EDITS).stream()
                    .map(DocumentResource::asAnswer).toList();
            return answer(Response.Status.OK, new HistoryAnswer.Edits(edits));
        });
    }

    /** A document as the API shows it (times in ISO 8601, UTC). */
    public record DocumentView(String id, String title, String role, String owner, long revision, String changed,
            String changedBy, String deleted) {
        static DocumentView of(DocumentCatalog.Summary summary) {
            return new DocumentView(summary.id(), summary.title(), summary.role(), summary.owner(), summary.revision(),
                    Objects.toString(summary.changed(), null), summary.changedBy(), Objects.toString(summary.deleted(), null));
        }
    }

    public record TitleChoice(String title) {
    }

    /** {@code GET /api/docs/{docId}}: the document, if it exists and the caller may open it; else 404. */
    @GET
    public Response summary(@PathParam("docId") String docId) {
        return looked(docId, id -> catalog.summary(caller(), id, link()).map(DocumentView::of)
                .map(view -> Response.ok(view).header("Cache-Control", "no-store").build()));
    }

    /** {@code PUT /api/docs/{docId}/title}: {@code {"title": "..."}} (blank: none), by those who may edit it. */
    @PUT
    @Path("title")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response retitle(@PathParam("docId") String docId, TitleChoice choice) {
        return refusable(docId, id -> Response.ok(DocumentView.of(
                catalog.retitle(caller(), id, link(), choice == null ? null : choice.title()))).build());
    }

    /** {@code DELETE /api/docs/{docId}}: its owner deletes it, restorable for 30 days. */
    @DELETE
    public Response delete(@PathParam("docId") String docId) {
        return refusable(docId, id -> {
            catalog.delete(caller(), id);
            return Response.noContent().build();
        });
    }

    /** {@code POST /api/docs/{docId}/restore}: its owner undoes a deletion. */
    @POST
    @Path("restore")
    public Response restore(@PathParam("docId") String docId) {
        return refusable(docId, id -> {
            catalog.restore(caller(), id);
            return Response.ok(DocumentView.of(catalog.summary(caller(), id, null).orElseThrow())).build();
        });
    }

    /**
     * {@code GET /api/docs/{docId}/text}: the stored text as a file to save, named after its title;
     * Markdown ({@code text/markdown}) where the title says so ({@code .md}), else plain text.
     */
    @GET
    @Path("text")
    @Produces({MediaType.TEXT_PLAIN, "text/markdown"})
    public Response text(@PathParam("docId") String docId) {
        return looked(docId, id -> catalog.text(caller(), id, link()).map(text -> {
            String name = Downloads.fileName(text.title(), text.id());
            return Response.ok(text.text(), Downloads.mediaType(name))
                    .header("Content-Disposition", Downloads.contentDisposition(name))
                    .header("Cache-Control", "no-store").build();
        }));
    }

    /** The most chat messages one request returns: the latest. */
    static final int CHAT_SHOWN = 200;

    public record ChatAnswer(List<ServerMessage.Chat> messages) {
    }

    /** {@code GET /api/docs/{docId}/chat}: its last chat messages, oldest first, as the connection shows them. */
    @GET
    @Path("chat")
    public Response chat(@PathParam("docId") String docId) {
        return ifReadable(docId, id -> Response.ok(new ChatAnswer(history.chat(id, CHAT_SHOWN)))
                .header("Cache-Control", "no-store").build());
    }

    /** A look-up that counts against the caller's address when it finds nothing. */
    private Response looked(String docId, Function<DocumentId, Optional<Response>> answer) {
        String address = request.getRemoteAddr();
        if (!attempts.lookUpAllowed(address)) {
            return tooMany(new TooManyGuesses());
        }
        Optional<Response> found = DocumentId.parse(docId).flatMap(answer);
        if (found.isEmpty()) {
            attempts.lookUpFailed(address);
        }
        return found.orElseGet(() -> Problems.of(404, NOT_READABLE));
    }

    /** A change the catalog may refuse, with the status it gives. */
    private Response refusable(String docId, Change change) {
        Optional<DocumentId> id = DocumentId.parse(docId);
        if (id.isEmpty()) {
            return Problems.of(404, NOT_READABLE);
        }
        try {
            return change.apply(id.get());
        } catch (Sharing.Refused refused) {
            return Problems.of(refused.status(), refused.getMessage());
        }
    }

    private interface Change {
        Response apply(DocumentId id) throws Sharing.Refused;
    }

    private Person caller() {
        return people.of(request.getUserPrincipal());
    }

    private String link() {
        return request.getHeader(LINK_HEADER);
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
