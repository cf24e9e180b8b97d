"""E-mail backends that fail like an SMTP server does."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """Every message is refused, quoting the recipient as real servers do."""

    def send_messages(self, email_messages):
        recipients = ", ".join(address for message in email_messages for address in message.to)
        raise smtplib.SMTPDataError(451, f"4.3.0 Temporary failure for <{recipients}>")
