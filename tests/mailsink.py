"""The tests' SMTP sink: the real one (connection.lib.mailsink), plus waiting for messages
and refusing the next ones with a given reply."""

import threading
from email.message import EmailMessage

from connection.lib.mailsink import MailSink


class SinkForTests(MailSink):
    def __init__(self, **options):
        super().__init__(**options)
        self._refusals: list[str] = []
        self._arrived = threading.Condition()

    def refuse_next(self, reply: str, times: int = 1) -> None:
        """Answer the next `times` messages with `reply`, e.g. "451 4.3.0 try later"."""
        with self._arrived:
            self._refusals.extend([reply] * times)

    def clear(self) -> None:
        with self._arrived:
            self.messages.clear()

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[EmailMessage]:
        """Block until at least `count` messages arrived; return them all."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
            return list(self.messages)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self._arrived:
            if self._refusals:
                return self._refusals.pop(0)
        return await super().handle_DATA(server, session, envelope)

    def keep(self, message: EmailMessage) -> None:
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
