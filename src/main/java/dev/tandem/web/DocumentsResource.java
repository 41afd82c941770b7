package dev.tandem.web;

import dev.tandem.access.People;
import dev.tandem.access.Person;
import dev.tandem.access.Sharing;
import dev.tandem.collab.DocumentCatalog;
import dev.tandem.protocol.DocumentId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /api/docs}: the documents a person may open, and making documents, owned by who makes
 * them, empty or from an imported text (docs/protocol.md, "Documents").
 */
@Path("docs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DocumentsResource {
    @Inject
    People people;

    @Inject
    DocumentCatalog catalog;

    /** {@code id}: the name asked for; {@code title}: its title; {@code text}: a text to import as its first revision. */
    public record NewDocument(String id, String title, String text) {
    }

    public record Created(String id) {
    }

    public record Listing(List<DocumentResource.DocumentView> documents) {
    }

    /**
     * {@code GET /api/docs?q=...}: the documents the caller may open, the latest changed first,
     * with the deleted ones they own that can still be restored; {@code q} keeps those whose title
     * or id contains it.
     */
    @GET
    public Response list(@Context SecurityContext security, @QueryParam("q") String query) {
        List<DocumentResource.DocumentView> found = catalog.list(caller(security), query).stream()
                .map(DocumentResource.DocumentView::of).toList();
        return Response.ok(new Listing(found)).header("Cache-Control", "no-store").build();
    }

    /**
     * {@code POST /api/docs}: a new document, owned by the caller; {@code {"id": "..."}} asks for a
     * name, {@code "title"} gives a title, {@code "text"} imports a text as its first revision
     * (then the name is made up: an import never lands in an existing document).
     */
    @POST
    public Response create(@Context SecurityContext security, NewDocument wanted) {
        NewDocument asked = wanted == null ? new NewDocument(null, null, null) : wanted;
        try {
            DocumentId id;
            if (asked.text() != null) {
                if (asked.id() != null) {
                    return Problems.of(400, "an imported text gets a new document of a name made up for it: leave out \"id\"");
                }
                id = catalog.importText(caller(security), asked.title(), asked.text());
            } else {
                id = catalog.create(caller(security), asked.id(), asked.title());
            }
            return Response.status(Response.Status.CREATED).entity(new Created(id.value())).build();
        } catch (Sharing.Refused refused) {
            return Problems.of(refused.status(), refused.getMessage());
        }
    }

    private Person caller(SecurityContext security) {
        return people.of(security.getUserPrincipal());
    }
}
