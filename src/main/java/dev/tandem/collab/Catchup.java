package dev.tandem.collab;

import dev.tandem.access.Admission;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Peer;
import dev.tandem.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client that joins hears first. A client that comes back from a revision the document
 * still keeps, close enough behind, resumes: a welcome at its own revision, the edits it missed,
 * then the others' selections (positions in the latest text, which it has only once it has
 * those edits). Anyone else gets a fresh copy of the text with everyone's selections.
 */
final class Catchup {
    private Catchup() {
    }

    /**
     * @param others    who else is in the document, with their selections in the latest text
     * @param maxReplay the most revisions worth replaying rather than sending a fresh copy
     * @param limits    what the server takes, for the welcome
     */
    static List<ServerMessage> messages(ClientMessage.Join join, Admission admission, Sequencer sequencer,
            List<Peer> others, long maxReplay, ServerMessage.Welcome.Limits limits) {
        Long lastSeen = join.lastSeenRevision();
        Long lastSeq = sequencer.lastSeq(join.clientId());
        if (lastSeen == null || !sequencer.canReplayFrom(lastSeen, maxReplay)) {
            return List.of(new ServerMessage.Welcome(join.clientId(), sequencer.latest(), sequencer.text().toString(),
                    false, lastSeq, others, limits, admission.role().wire(), admission.name(), admission.color(),
                    admission.clientSecret()));
        }
        List<ServerMessage> messages = new ArrayList<>();
        List<Peer> withoutSelections = others.stream()
                .map(peer -> new Peer(peer.clientId(), peer.name(), peer.color(), List.of())).toList();
        messages.add(new ServerMessage.Welcome(join.clientId(), lastSeen, null, true, lastSeq, withoutSelections,
                limits, admission.role().wire(), admission.name(), admission.color(), admission.clientSecret()));
        for (Revision missed : sequencer.since(lastSeen)) {
            messages.add(new ServerMessage.Edited(missed.number(), missed.clientId(), missed.seq(), missed.op()));
        }
        for (Peer peer : others) {
            if (!peer.selection().isEmpty()) {
                messages.add(new ServerMessage.Presence(ServerMessage.Presence.SELECTION, peer));
            }
        }
        return messages;
    }
}
