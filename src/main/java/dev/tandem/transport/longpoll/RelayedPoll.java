package dev.tandem.transport.longpoll;

/** A poll that came over HTTP to another node, which relays it here, where its session is; the answer goes back to that node. */
final class RelayedPoll extends WaitingPoll {
    /** Where the answer goes. */
    interface Reply {
        void send(int status, String body);
    }

    private final Reply reply;

    RelayedPoll(LongPollSession session, Reply reply) {
        super(session);
        this.reply = reply;
    }

    @Override
    void answer(int status, String body, boolean onItsThread) {
        reply.send(status, body);
        ended();
    }
}
