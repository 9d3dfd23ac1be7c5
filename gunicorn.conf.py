"""gunicorn's settings for Kindred, read from the working directory by every `gunicorn`
command (the image's, docker-compose's): whatever the command line, no log line that
gunicorn writes holds a token URL whole (connection/token_urls.py)."""

from gunicorn.glogging import Logger


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        from connection.token_urls import RedactTokens

        # gunicorn logs on these two loggers directly, so a filter on each sees every line:
        # the access log's request line and referrer, and "Error handling request <uri>".
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())


logger_class = RedactingLogger
