"""The benchmark's SMTP sink in its own process: on SIGTERM it writes every Message-ID it
received, one per line, to the file given, and exits."""

import signal
import sys
import threading
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
    out.write_text("".join(f"{m['Message-ID']}\n" for m in sink.messages))


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
