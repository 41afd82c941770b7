package dev.tandem.web;

import dev.tandem.access.People;
import dev.tandem.access.Person;
import dev.tandem.access.Role;
import dev.tandem.access.ShareLink;
import dev.tandem.access.Sharing;
import dev.tandem.collab.DocumentRegistry;
import dev.tandem.protocol.DocumentId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/docs/{docId}/sharing}: who may open a document, as its owner decides (docs/protocol.md,
 * "Accounts and sharing"). A change takes effect at once: whoever it shuts out, or allows less, is
 * disconnected from the document within moments, on every transport.
 */
@Path("docs/{docId}/sharing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SharingResource {
    @Inject
    Sharing sharing;

    @Inject
    People people;

    @Inject
    DocumentRegistry registry;

    public record Grant(String grantee, String role) {
    }

    public record RoleChoice(String role) {
    }

    public record Link(String id, String role, String expires, String createdBy, String created) {
    }

    public record Access(String id, String owner, List<Grant> grants, List<Link> links) {
    }

    public record NewLink(String role, Long expiresInHours) {
    }

    public record CreatedLink(String id, String role, String token, String path) {
    }

    /** {@code GET /api/docs/{docId}/sharing}: the owner, the grants and the links (never their tokens). */
    @GET
        public Response view(@Context SecurityContext security, @PathParam("docId") String docId) {
        return owner(security, docId, (person, id) -> {
            Sharing.View view = sharing.view(person, id);
            List<Grant> grants = view.grants().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(grant -> new Grant(grant.getKey(), grant.getValue().wire())).toList();
            List<Link> links = view.links().stream().sorted(Comparator.comparing(ShareLink::created))
                    .map(SharingResource::link).toList();
            return Response.ok(new Access(view.id(), view.owner(), grants, links)).build();
        });
    }

    /** {@code PUT /api/docs/{docId}/sharing/grants/{grantee}}: {@code {"role": "editor"}} or "viewer". */
    @PUT
    @Path("grants/{grantee}")
    public Response grant(@Context SecurityContext security, @PathParam("docId") String docId,
            @PathParam("grantee") String grantee, RoleChoice choice) {
        Role role = choice == null ? null : Role.fromWire(choice.role());
        if (role == null) {
            return Problems.of(Response.Status.BAD_REQUEST, "send {\"role\": \"editor\"} or {\"role\": \"viewer\"}");
        }
        return owner(security, docId, (person, id) -> {
            sharing.grant(person, id, grantee, role);
            registry.reconsider(id);
            return Response.noContent().build();
        });
    }

    /** {@code DELETE /api/docs/{docId}/sharing/grants/{grantee}}: takes the grant away, at once. */
    @DELETE
    @Path("grants/{grantee}")
    public Response revoke(@Context SecurityContext security, @PathParam("docId") String docId,
            @PathParam("grantee") String grantee) {
        return owner(security, docId, (person, id) -> {
            sharing.grant(person, id, grantee, null);
            registry.reconsider(id);
            return Response.noContent().build();
        });
    }

    /** {@code POST /api/docs/{docId}/sharing/links}: {@code {"role": "viewer", "expiresInHours": 24}}. */
    @POST
    @Path("links")
    public Response addLink(@Context SecurityContext security, @PathParam("docId") String docId, NewLink wanted) {
        Role role = wanted == null ? null : Role.fromWire(wanted.role());
        Duration expiry = wanted == null || wanted.expiresInHours() == null ? null
                : Duration.ofHours(Math.max(-1, Math.min(wanted.expiresInHours(), 1_000_000)));
        return owner(security, docId, (person, id) -> {
            Sharing.NewLink made = sharing.addLink(person, id, role, expiry);
            return Response.status(Response.Status.CREATED).entity(new CreatedLink(made.link().id(), role.wire(),
                    made.token(), "/d/" + id.value() + "#link=" + made.token())).build();
        });
    }

    /** {@code DELETE /api/docs/{docId}/sharing/links/{linkId}}: revokes the link, at once. */
    @DELETE
    @Path("links/{linkId}")
    public Response removeLink(@Context SecurityContext security, @PathParam("docId") String docId,
            @PathParam("linkId") String linkId) {
        return owner(security, docId, (person, id) -> {
            sharing.removeLink(person, id, linkId);
            registry.reconsider(id);
            return Response.noContent().build();
        });
    }

    public record OwnerChoice(String owner) {
    }

    /**
     * {@code PUT /api/docs/{docId}/sharing/owner}: {@code {"owner": "bob"}}: another account owns the
     * document from now on; the owner before keeps editing it.
     */
    @PUT
    @Path("owner")
    public Response transfer(@Context SecurityContext security, @PathParam("docId") String docId, OwnerChoice choice) {
        return owner(security, docId, (person, id) -> {
            sharing.transfer(person, id, choice == null ? null : choice.owner());
            registry.reconsider(id);
            return Response.noContent().build();
        });
    }

    private interface OwnerAction {
        Response run(Person person, DocumentId id) throws Sharing.Refused;
    }

    private Response owner(SecurityContext security, String docId, OwnerAction action) {
        Optional<DocumentId> id = DocumentId.parse(docId);
        if (id.isEmpty()) {
            return Problems.of(Response.Status.NOT_FOUND, "no such document, or no access to it");
        }
        try {
            return action.run(caller(security), id.get());
        } catch (Sharing.Refused refused) {
            return Problems.of(refused.status(), refused.getMessage());
        }
    }

    private Person caller(SecurityContext security) {
        return people.of(security.getUserPrincipal());
    }

    private static Link link(ShareLink link) {
        return new Link(link.id(), link.role().wire(), link.expires() == null ? null : link.expires().toString(),
                link.createdBy(), link.created().toString());
    }
}
