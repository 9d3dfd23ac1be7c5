"""A real SMTP server that keeps every message it receives (aiosmtpd).

`make run` uses it to print each email to the console; the tests use it as the far end of
real SMTP conversations. `refuse_next` lets a test make it answer 4xx/5xx first.
"""

import email
import email.policy
import socket
import threading
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class MailSink:
    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, echo: bool = False):
        self.messages: list[EmailMessage] = []
        self.echo = echo
        self._refusals: list[str] = []
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self.host = host
        self.port = port or _free_port(host)
        self._controller = Controller(self, hostname=host, port=self.port, ready_timeout=10)

    def start(self) -> "MailSink":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def refuse_next(self, reply: str, times: int = 1) -> None:
        """Answer the next `times` messages with `reply`, e.g. "451 4.3.0 try later"."""
        with self._lock:
            self._refusals.extend([reply] * times)

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[EmailMessage]:
        """Block until at least `count` messages arrived; return them all."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
            return list(self.messages)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self._lock:
            if self._refusals:
                return self._refusals.pop(0)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        if self.echo:
            print(render_for_console(message), flush=True)
        return "250 Message accepted for delivery"


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
