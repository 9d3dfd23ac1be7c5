"""A real SMTP server that keeps every message it receives (aiosmtpd).

`make run` uses it to print each email to the console and the reminder benchmark to count
what arrived; the tests use it (tests/mailsink.py adds waiting and refusing) as the far
end of real SMTP conversations.
"""

import email
import email.policy
import socket
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class MailSink:
    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, echo: bool = False):
        self.messages: list[EmailMessage] = []
        self.echo = echo
        self.host = host
        self.port = port or _free_port(host)
        self._controller = Controller(self, hostname=host, port=self.port, ready_timeout=10)

    def start(self) -> "MailSink":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.keep(message)
        if self.echo:
            print(render_for_console(message), flush=True)
        return "250 Message accepted for delivery"

    def keep(self, message: EmailMessage) -> None:
        self.messages.append(message)


def _free_port(host: str) -> int:
    # aiosmtpd checks readiness by connecting to the configured port, so it needs a real one.
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def render_for_console(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    rule = "-" * 72
    return (
        f"\n{rule}\nEmail to {message['To']}\nSubject: {message['Subject']}\n{rule}\n"
        f"{text.strip()}\n{rule}\n"
    )
