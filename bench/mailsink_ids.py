"""The benchmark's SMTP sink in its own process: on SIGTERM it writes, for every message it
received, its Message-ID and its recipient (tab-separated, one message a line) to the file
given, and exits."""

import signal
import sys
import threading
from email.utils import getaddresses
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connection.lib.mailsink import MailSink  # noqa: E402


def main(port: int, out: Path) -> None:
    sink = MailSink(port=port).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    sink.stop()
    lines = []
    for message in sink.messages:
        recipients = ",".join(address for _, address in getaddresses(message.get_all("To", [])))
        lines.append(f"{message['Message-ID']}\t{recipients}\n")
    out.write_text("".join(lines))


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
