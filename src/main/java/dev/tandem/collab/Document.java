package dev.tandem.collab;

import dev.tandem.access.Admission;
import dev.tandem.access.Person;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.DocumentId;
import dev.tandem.protocol.ProtocolException;
import java.util.List;

/**
 * One open document as its participants' connections see it, wherever its edits are ordered.
 * {@link DocumentRegistry} hands one out per open document; today that is always a
 * {@link LocalDocument}, which orders the edits in this process. This interface is where
 * scale-out plugs in: a document whose edits another node orders will be another implementation
 * (forwarding submits to that node, fanning its ordered stream out to local recipients), and
 * connections will not tell the difference. No method waits for I/O: what participants are to
 * hear goes to their {@link Recipient}s.
 */
public interface Document {

    DocumentId id();

    /**
     * Adds a participant for {@code join.clientId()} (replacing that client's earlier connection)
     * and sends it the welcome, then what it missed when it resumes; tells the others. Returns
     * null if this copy of the document was closed meanwhile: open the document again.
     *
     * @throws ProtocolException if the document turns the newcomer away
     */
    Participant join(ClientMessage.Join join, Person person, Admission admission, Recipient recipient)
            throws ProtocolException;

    /**
     * Transforms an edit past what its author had not seen, applies it, then acknowledges and
     * broadcasts it once stored; a resent edit is acknowledged again and not applied.
     *
     * @throws ProtocolException if the edit is refused; nothing changes then
     */
    void submit(Participant author, ClientMessage.Edit edit) throws ProtocolException;

    /**
     * Moves a participant's selection, given in the text at some recent revision, and tells the others.
     *
     * @throws ProtocolException if it cannot be placed; nothing changes then
     */
    void select(Participant participant, ClientMessage.Selection selection) throws ProtocolException;

    /** Stores a participant's chat message with the document, then shows it to everyone in it. */
    void chat(Participant author, ClientMessage.Chat chat);

    /** Removes a participant, if it is still its client's current one, and tells the others. */
    void leave(Participant participant);

    /** Everyone in the document now. */
    List<Participant> participants();

    /**
     * Removes a participant whose access was taken away, tells the others, and ends its connection
     * (policy, with {@code why}); nothing it sends afterwards is applied.
     */
    void expel(Participant participant, String why);

    /**
     * Closes this copy if nobody has been in it since {@code before} (a {@link System#nanoTime()})
     * and nothing is left to store; true if it did. A closed copy takes nobody in.
     */
    boolean closeIfIdleSince(long before);
}
