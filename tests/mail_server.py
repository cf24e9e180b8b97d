"""A real SMTP server for the tests (aiosmtpd), on 127.0.0.1: Django's SMTP backend sends to it,
and the tests read what it received."""

import email
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.servers import free_port


class MailServer:
    """An aiosmtpd handler: accepts everything, unless told to answer otherwise first.

    `rcpt_replies` / `data_replies` are answered, in order, to the next RCPT TO / end of DATA.
    """

    def __init__(self):
        self.rcpt_replies, self.data_replies = [], []
        self.received = []  # (message, the reply it got, the client's address)
        self.raw = []  # the bytes of each message as received

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_replies.pop(0) if self.rcpt_replies else "250 OK"
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server, session, envelope):
        reply = self.data_replies.pop(0) if self.data_replies else "250 OK"
        self.raw.append(envelope.content)
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((message, reply, session.peer))
        return reply

    @property
    def delivered(self):
        return [message for message, reply, _ in self.received if reply.startswith("250")]


@pytest.fixture
def mail_server(settings):
    handler = MailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield handler
    finally:
        controller.stop()
