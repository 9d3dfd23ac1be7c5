import signal
import threading

from django.core.management.base import BaseCommand

from connection.lib.mailsink import MailSink


class Command(BaseCommand):
    help = "Run a local SMTP server that prints every email it receives (for `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=1025)

    def handle(self, *args, port, **options):
        sink = MailSink(port=port, echo=True).start()
        self.stdout.write(f"Local mail sink listening on 127.0.0.1:{sink.port}; emails print here.")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            sink.stop()
