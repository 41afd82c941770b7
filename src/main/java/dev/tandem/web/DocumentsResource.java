package dev.tandem.web;

import dev.tandem.access.People;
import dev.tandem.access.Person;
import dev.tandem.access.Sharing;
import dev.tandem.protocol.DocumentId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /api/docs}: making documents, owned by who makes them (docs/protocol.md, "Accounts and sharing"). */
@Path("docs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DocumentsResource {
    @Inject
    Sharing sharing;

    @Inject
    People people;

    public record NewDocument(String id) {
    }

    public record Created(String id) {
    }

    /** {@code POST /api/docs}: a new document, owned by the caller; {@code {"id": "..."}} asks for a name. */
    @POST
    public Response create(@Context SecurityContext security, NewDocument wanted) {
        try {
            DocumentId id = sharing.create(caller(security), wanted == null ? null : wanted.id());
            return Response.status(Response.Status.CREATED).entity(new Created(id.value())).build();
        } catch (Sharing.Refused refused) {
            return Problems.of(refused.status(), refused.getMessage());
        }
    }

    private Person caller(SecurityContext security) {
        return people.of(security.getUserPrincipal());
    }
}
